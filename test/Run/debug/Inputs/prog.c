#include <stdio.h>

static int table[8];

int leaf(int x, int *arr) {
  int sum = x * 2;
  arr[3] = sum + 1;
  return sum + arr[3];
}

int walk(int n) {
  int total = 0;
  for (int i = 0; i < n; i++)
    total += leaf(i, table);
  return total;
}

int main(void) {
  int r = walk(5);
  printf("%d\n", r);
  return 0;
}
