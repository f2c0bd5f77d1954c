#include <stdio.h>

typedef unsigned long long u64;
enum colour { RED, GREEN = 5, BLUE };
struct point {
  int x, y;
  double weight;
  enum colour c;
};

double scale(struct point *p, double factor, u64 big) {
  double w = p->weight * factor;
  int buf[4] = {10, 20, 30, 40};
  for (int i = 0; i < 4; i++) {
    int sq = buf[i] * buf[i];
    w += sq;
  }
  return w + (double)big;
}

int main(void) {
  struct point pt = {3, -4, 1.5, GREEN};
  char tag = 'k';
  double r = scale(&pt, 2.0, 1ull << 40);
  printf("%c %.1f\n", tag, r);
  return 0;
}
