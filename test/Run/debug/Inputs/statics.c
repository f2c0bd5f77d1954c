// Function-scope statics of the same name in two functions
// (gdb-globals.test).
#include <stdio.h>

int bump(int by) {
  static int counter = 40;
  counter += by;
  return counter;
}

int other(void) {
  static int counter = 7;
  return ++counter;
}

int main(void) {
  bump(1);
  other();
  int r = bump(1);
  printf("%d\n", r);
  return 0;
}
