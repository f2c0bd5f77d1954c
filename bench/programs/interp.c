// Interpreter loop: a small stack-machine bytecode interpreter dispatching
// through a table of handler function pointers (call_indirect in wasm).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum Op {
  Push,
  Load,
  Store,
  Add,
  Sub,
  Mul,
  Xor,
  Shr,
  Lt,
  Jz,
  Jmp,
  Halt,
  NumOps
};

typedef struct {
  const int32_t *Code;
  int Pc;
  int Sp;
  int32_t Stack[64];
  int32_t Vars[8];
  int Running;
} Vm;

static void opPush(Vm *M) { M->Stack[M->Sp++] = M->Code[M->Pc++]; }
static void opLoad(Vm *M) { M->Stack[M->Sp++] = M->Vars[M->Code[M->Pc++]]; }
static void opStore(Vm *M) { M->Vars[M->Code[M->Pc++]] = M->Stack[--M->Sp]; }
static void opAdd(Vm *M) {
  --M->Sp;
  M->Stack[M->Sp - 1] += M->Stack[M->Sp];
}
static void opSub(Vm *M) {
  --M->Sp;
  M->Stack[M->Sp - 1] -= M->Stack[M->Sp];
}
static void opMul(Vm *M) {
  --M->Sp;
  M->Stack[M->Sp - 1] =
      (int32_t)((uint32_t)M->Stack[M->Sp - 1] * (uint32_t)M->Stack[M->Sp]);
}
static void opXor(Vm *M) {
  --M->Sp;
  M->Stack[M->Sp - 1] ^= M->Stack[M->Sp];
}
static void opShr(Vm *M) {
  --M->Sp;
  M->Stack[M->Sp - 1] =
      (int32_t)((uint32_t)M->Stack[M->Sp - 1] >> (M->Stack[M->Sp] & 31));
}
static void opLt(Vm *M) {
  --M->Sp;
  M->Stack[M->Sp - 1] = M->Stack[M->Sp - 1] < M->Stack[M->Sp];
}
static void opJz(Vm *M) {
  int32_t T = M->Code[M->Pc++];
  if (!M->Stack[--M->Sp])
    M->Pc = T;
}
static void opJmp(Vm *M) { M->Pc = M->Code[M->Pc]; }
static void opHalt(Vm *M) { M->Running = 0; }

static void (*const Handlers[NumOps])(Vm *) = {opPush, opLoad, opStore, opAdd,
                                               opSub,  opMul,  opXor,   opShr,
                                               opLt,   opJz,   opJmp,   opHalt};

int main(int Argc, char **Argv) {
  int Iters = Argc > 1 ? atoi(Argv[1]) : 30;
  // v0 = i, v1 = h, v2 = limit:  while (i < limit) { h = (h ^ i) * 16777619;
  // h = h ^ (h >> 13); i = i + 1; }
  static const int32_t Prog[] = {
      Push, 0, Store, 0,                  // 0: i = 0
      Load, 0, Load,  2, Lt,   Jz,    37, // 4: if !(i < limit) end
      Load, 1, Load,  0, Xor,  Push,  16777619, Mul, Store, 1, // 11
      Load, 1, Load,  1, Push, 13,    Shr,      Xor, Store, 1, // 21
      Load, 0, Push,  1, Add,  Store, 0,        Jmp, 4,        // 31..
      Halt};
  uint32_t Check = 0;
  for (int It = 0; It < Iters; ++It) {
    Vm M = {Prog, 0, 0, {0}, {0}, 1};
    M.Vars[1] = (int32_t)(2166136261u + It);
    M.Vars[2] = 1000000;
    while (M.Running) {
      int32_t Op = M.Code[M.Pc++];
      Handlers[Op](&M);
    }
    Check = Check * 31 + (uint32_t)M.Vars[1];
  }
  printf("checksum %u\n", Check);
  return 0;
}
