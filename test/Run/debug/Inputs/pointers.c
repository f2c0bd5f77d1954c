// Pointers in gdb: variables that are pointers dereference as native ones.
#include <stdio.h>
#include <string.h>

struct node {
  int value;
  const char *label;
  struct node *next;
};
typedef struct node *node_ref;

static struct node third = {30, "third", 0};
struct node *head;
const char *greeting = "hello";

int sum(node_ref list, const char *name, int **cell, struct node *none) {
  int total = 0;
  for (struct node *n = list; n; n = n->next)
    total += n->value;
  **cell += total; // the breakpoint
  return total + (int)strlen(name) + (none ? 1 : 0);
}

int main(int argc, char **argv) {
  struct node second = {20, "second", &third};
  struct node first = {10, "first", &second};
  int counter = 1;
  int *slot = &counter;
  head = &first;
  int r = sum(head, greeting, &slot, 0);
  printf("%d %d %s\n", r, counter, argv[0] ? "argv" : "none");
  return 0;
}
