/* The freestanding C program of extended-const.test, built both as a
 * position-independent wasm module (clang-19 -fPIC -mextended-const, linked
 * -pie) and natively. Its data lives in data.c: program.c reaches it
 * through wasm-ld's GOT, whose entries -mextended-const initialises with
 * `global.get __memory_base; i32.const N; i32.add`. */
#ifndef EXTENDED_CONST_PROGRAM_H
#define EXTENDED_CONST_PROGRAM_H

struct node {
  const char *name;
  int value;
  struct node *next;
};

extern struct node *list_head;
extern int (*const transforms[3])(int);
extern const char *const names[4];
extern int counter;

int run(int k);
int name_length(int i);

#endif
