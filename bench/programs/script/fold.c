// The compiler's optimisation pass (constant folding over the AST: integer
// and float arithmetic, comparisons, logic on literals, dead branches of
// constant conditions) and a bytecode walker that counts instructions.
#include <string.h>

#include "script.h"

static int isNum(Node *N) { return N->Kind == EInt || N->Kind == EFloat; }
static double numOf(Node *N) { return N->Kind == EInt ? (double)N->I : N->F; }

static int isConst(Node *N) {
  return isNum(N) || N->Kind == ETrue || N->Kind == EFalse || N->Kind == ENil;
}

static int constTruthy(Node *N) {
  return !(N->Kind == ENil || N->Kind == EFalse);
}

static void makeBool(Node *N, int B) {
  N->Kind = B ? ETrue : EFalse;
  N->A = N->B = NULL;
}

static void makeInt(Node *N, int64_t I) {
  N->Kind = EInt;
  N->I = I;
  N->A = N->B = NULL;
}

static void makeFloat(Node *N, double F) {
  N->Kind = EFloat;
  N->F = F;
  N->A = N->B = NULL;
}

// Integer operators with wrapping semantics (as in the VM); returns 0 if
// the operation must stay for run time (division by zero).
static int foldInt(Node *N, int64_t A, int64_t B) {
  uint64_t X = (uint64_t)A, Y = (uint64_t)B;
  switch (N->Op) {
  case TPlus:
    makeInt(N, (int64_t)(X + Y));
    return 1;
  case TMinus:
    makeInt(N, (int64_t)(X - Y));
    return 1;
  case TStar:
    makeInt(N, (int64_t)(X * Y));
    return 1;
  case TSlash:
  case TPercent:
    if (B == 0)
      return 0;
    if (B == -1)
      makeInt(N, N->Op == TSlash ? (int64_t)(0 - X) : 0);
    else
      makeInt(N, N->Op == TSlash ? A / B : A % B);
    return 1;
  case TAmp:
    makeInt(N, (int64_t)(X & Y));
    return 1;
  case TPipe:
    makeInt(N, (int64_t)(X | Y));
    return 1;
  case TCaret:
    makeInt(N, (int64_t)(X ^ Y));
    return 1;
  case TShl:
    makeInt(N, (int64_t)(X << (Y & 63)));
    return 1;
  case TShr:
    makeInt(N, (int64_t)(X >> (Y & 63)));
    return 1;
  default:
    return 0;
  }
}

static int foldCompare(Node *N, double A, double B) {
  switch (N->Op) {
  case TEq:
    makeBool(N, A == B);
    return 1;
  case TNe:
    makeBool(N, A != B);
    return 1;
  case TLt:
    makeBool(N, A < B);
    return 1;
  case TLe:
    makeBool(N, A <= B);
    return 1;
  case TGt:
    makeBool(N, A > B);
    return 1;
  case TGe:
    makeBool(N, A >= B);
    return 1;
  default:
    return 0;
  }
}

static int foldBinary(Node *N) {
  Node *A = N->A, *B = N->B;
  if (!isNum(A) || !isNum(B))
    return 0;
  if (A->Kind == EInt && B->Kind == EInt) {
    int64_t X = A->I, Y = B->I;
    switch (N->Op) {
    case TEq:
    case TNe:
    case TLt:
    case TLe:
    case TGt:
    case TGe:
      makeBool(N, N->Op == TEq   ? X == Y
                  : N->Op == TNe ? X != Y
                  : N->Op == TLt ? X < Y
                  : N->Op == TLe ? X <= Y
                  : N->Op == TGt ? X > Y
                                 : X >= Y);
      return 1;
    default:
      return foldInt(N, X, Y);
    }
  }
  double X = numOf(A), Y = numOf(B);
  switch (N->Op) {
  case TPlus:
    makeFloat(N, X + Y);
    return 1;
  case TMinus:
    makeFloat(N, X - Y);
    return 1;
  case TStar:
    makeFloat(N, X * Y);
    return 1;
  case TSlash:
    makeFloat(N, X / Y);
    return 1;
  default:
    return foldCompare(N, X, Y);
  }
}

static int foldList(NodeList *L) {
  int Count = 0;
  for (int I = 0; I < L->Len; I++)
    Count += foldConstants(L->Items[I]);
  return Count;
}

int foldConstants(Node *N) {
  if (!N)
    return 0;
  int Count = foldConstants(N->A) + foldConstants(N->B) + foldConstants(N->C) +
              foldConstants(N->D) + foldList(&N->List);
  switch (N->Kind) {
  case EUnary:
    if (N->Op == TMinus && N->A->Kind == EInt) {
      makeInt(N, (int64_t)(0 - (uint64_t)N->A->I));
      return Count + 1;
    }
    if (N->Op == TMinus && N->A->Kind == EFloat) {
      makeFloat(N, -N->A->F);
      return Count + 1;
    }
    if (N->Op == TBang && isConst(N->A)) {
      makeBool(N, !constTruthy(N->A));
      return Count + 1;
    }
    return Count;
  case EBinary:
    return Count + foldBinary(N);
  case EAnd:
  case EOr:
    if (isConst(N->A)) {
      int T = constTruthy(N->A);
      // "c and x" is x when c is truthy, c otherwise; "or" the reverse.
      Node *Keep = (N->Kind == EAnd) == T ? N->B : N->A;
      *N = *Keep;
      return Count + 1;
    }
    return Count;
  case SIf:
    if (isConst(N->A) && !constTruthy(N->A) && !N->C) {
      N->Kind = SBlock; // if false { ... } without else: nothing
      N->List.Len = 0;
      return Count + 1;
    }
    return Count;
  default:
    return Count;
  }
}

static const int OperandCount[NumOps] = {
#define OP(Name, Operands) Operands,
#include "ops.def"
#undef OP
};

int disassembleCount(Proto *P) {
  int N = 0;
  for (uint32_t Pc = 0; Pc < P->CodeLen; N++)
    Pc += 1 + 2 * (uint32_t)OperandCount[P->Code[Pc]];
  for (uint32_t I = 0; I < P->NumConsts; I++)
    if (isObj(P->Consts[I], OProto))
      N += disassembleCount((Proto *)P->Consts[I].As.O);
  return N;
}
