/* extended-const.test: what the hosts call. run() walks a linked list of
 * relocated pointers, calls through a table of function pointers and
 * updates a global; name_length() reads strings through a pointer array. */
#include "program.h"

int run(int k) {
  int sum = 0, i = 0;
  for (struct node *n = list_head; n; n = n->next, ++i)
    sum += transforms[(i + k) % 3](n->value) * (n->name[0] - 'a' + 1);
  counter += k;
  return sum + counter;
}

int name_length(int i) {
  const char *s = names[i & 3];
  int length = 0;
  while (s[length])
    ++length;
  return length;
}
