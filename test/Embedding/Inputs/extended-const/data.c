/* extended-const.test: the program's data, every pointer in it relocated
 * by __memory_base or __table_base in the wasm build. */
#include "program.h"

static int square(int x) { return x * x; }
static int negate(int x) { return -x; }
static int add7(int x) { return x + 7; }

int (*const transforms[3])(int) = {square, negate, add7};
static struct node nodes[3] = {
    {"alpha", 3, &nodes[1]}, {"beta", 5, &nodes[2]}, {"gamma", 11, 0}};
struct node *list_head = &nodes[0];
const char *const names[4] = {"zero", "one", "two", "three"};
int counter = 100;
