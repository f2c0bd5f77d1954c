// Bytecode compiler: walks the AST (after constant folding) and emits stack
// machine code per function, resolving names to local slots, upvalues
// (captured locals of enclosing functions) or global slots.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"

#define MAX_LOCALS 250
#define MAX_UPVALS 250
#define MAX_JUMPS 64

typedef struct {
  const char *Name;
  int Depth;
  int Captured;
} Local;

typedef struct Loop {
  struct Loop *Outer;
  int Depth; // scope depth outside the loop body
  int Breaks[MAX_JUMPS], NumBreaks;
  int Continues[MAX_JUMPS], NumContinues;
} Loop;

typedef struct FnState {
  struct FnState *Enclosing;
  Proto *P;
  Local Locals[MAX_LOCALS];
  int NumLocals;
  int Depth;
  UpvalDesc Upvals[MAX_UPVALS];
  Loop *Loop;
} FnState;

typedef struct {
  Vm *V;
  FnState *Fn;
  const char *Name;
  int Line;
  int Failed;
} Compiler;

static void fail(Compiler *C, const char *Msg, const char *Detail) {
  if (!C->Failed)
    fprintf(stderr, "%s:%d: compile error: %s%s\n", C->Name, C->Line, Msg,
            Detail ? Detail : "");
  C->Failed = 1;
}

// ---- Emission ------------------------------------------------------------

static void emitByte(Compiler *C, uint8_t B) {
  Proto *P = C->Fn->P;
  if (P->CodeLen == P->CodeCap) {
    uint32_t NewCap = P->CodeCap ? P->CodeCap * 2 : 64;
    P->Code = gcRealloc(C->V, P->Code, P->CodeCap, NewCap);
    P->Lines = gcRealloc(C->V, P->Lines, sizeof(int) * P->CodeCap,
                         sizeof(int) * NewCap);
    P->CodeCap = NewCap;
  }
  P->Lines[P->CodeLen] = C->Line;
  P->Code[P->CodeLen++] = B;
}

static void emitU16(Compiler *C, int X) {
  emitByte(C, (uint8_t)(X & 0xff));
  emitByte(C, (uint8_t)((X >> 8) & 0xff));
}

static void emitOp(Compiler *C, OpCode Op) { emitByte(C, (uint8_t)Op); }

static void emitOpArg(Compiler *C, OpCode Op, int A) {
  if (A < 0 || A > 0xffff)
    fail(C, "operand out of range", NULL);
  emitOp(C, Op);
  emitU16(C, A);
}

static int addConst(Compiler *C, Value X) {
  Proto *P = C->Fn->P;
  for (uint32_t I = 0; I < P->NumConsts; I++)
    if (P->Consts[I].Kind == X.Kind && valuesEqual(P->Consts[I], X))
      return (int)I;
  if (P->NumConsts == P->ConstCap) {
    uint32_t NewCap = P->ConstCap ? P->ConstCap * 2 : 8;
    P->Consts = gcRealloc(C->V, P->Consts, sizeof(Value) * P->ConstCap,
                          sizeof(Value) * NewCap);
    P->ConstCap = NewCap;
  }
  P->Consts[P->NumConsts] = X;
  return (int)P->NumConsts++;
}

static int strConst(Compiler *C, const char *S, size_t Len) {
  return addConst(C, objV(strCopy(C->V, S, Len)));
}

// Emits a forward jump; returns the operand position to patch.
static int emitJump(Compiler *C, OpCode Op) {
  emitOp(C, Op);
  emitU16(C, 0);
  return (int)C->Fn->P->CodeLen - 2;
}

static void patchJumpTo(Compiler *C, int At, int Target) {
  int Off = Target - (At + 2);
  if (Off < 0 || Off > 0xffff)
    fail(C, "jump too far", NULL);
  C->Fn->P->Code[At] = (uint8_t)(Off & 0xff);
  C->Fn->P->Code[At + 1] = (uint8_t)(Off >> 8);
}

static void patchJump(Compiler *C, int At) {
  patchJumpTo(C, At, (int)C->Fn->P->CodeLen);
}

static void emitLoop(Compiler *C, int Start) {
  emitOp(C, OpLoop);
  int Off = (int)C->Fn->P->CodeLen + 2 - Start;
  if (Off > 0xffff)
    fail(C, "loop too long", NULL);
  emitU16(C, Off);
}

// ---- Scopes and names ----------------------------------------------------

static int addLocal(Compiler *C, const char *Name) {
  FnState *F = C->Fn;
  if (F->NumLocals == MAX_LOCALS) {
    fail(C, "too many locals", NULL);
    return 0;
  }
  Local *L = &F->Locals[F->NumLocals++];
  L->Name = Name;
  L->Depth = F->Depth;
  L->Captured = 0;
  if (F->NumLocals > F->P->MaxSlots)
    F->P->MaxSlots = F->NumLocals;
  return F->NumLocals - 1;
}

static void beginScope(Compiler *C) { C->Fn->Depth++; }

// Emits the pops (or upvalue closes) for locals deeper than Depth; Drop
// also forgets them (end of scope) rather than only unwinding (break).
static void unwindTo(Compiler *C, int Depth, int Drop) {
  FnState *F = C->Fn;
  int N = F->NumLocals;
  while (N > 0 && F->Locals[N - 1].Depth > Depth) {
    emitOp(C, F->Locals[N - 1].Captured ? OpCloseUpval : OpPop);
    N--;
  }
  if (Drop)
    F->NumLocals = N;
}

static void endScope(Compiler *C) {
  C->Fn->Depth--;
  unwindTo(C, C->Fn->Depth, 1);
}

static int findLocal(FnState *F, const char *Name) {
  for (int I = F->NumLocals - 1; I >= 0; I--)
    if (F->Locals[I].Name && strcmp(F->Locals[I].Name, Name) == 0)
      return I;
  return -1;
}

static int addUpval(Compiler *C, FnState *F, int IsLocal, int Index) {
  int N = F->P->NumUpvals;
  for (int I = 0; I < N; I++)
    if (F->Upvals[I].IsLocal == IsLocal && F->Upvals[I].Index == Index)
      return I;
  if (N == MAX_UPVALS) {
    fail(C, "too many captured variables", NULL);
    return 0;
  }
  F->Upvals[N].IsLocal = (uint8_t)IsLocal;
  F->Upvals[N].Index = (uint16_t)Index;
  return F->P->NumUpvals++;
}

static int findUpval(Compiler *C, FnState *F, const char *Name) {
  if (!F->Enclosing)
    return -1;
  int L = findLocal(F->Enclosing, Name);
  if (L >= 0) {
    F->Enclosing->Locals[L].Captured = 1;
    return addUpval(C, F, 1, L);
  }
  int U = findUpval(C, F->Enclosing, Name);
  return U >= 0 ? addUpval(C, F, 0, U) : -1;
}

typedef enum { NameLocal, NameUpval, NameGlobal } NameKind;

static NameKind resolve(Compiler *C, const char *Name, int *Slot) {
  if ((*Slot = findLocal(C->Fn, Name)) >= 0)
    return NameLocal;
  if ((*Slot = findUpval(C, C->Fn, Name)) >= 0)
    return NameUpval;
  *Slot = globalSlot(C->V, strCopy(C->V, Name, strlen(Name)));
  return NameGlobal;
}

// ---- Expressions ---------------------------------------------------------

static void expr(Compiler *C, Node *N);
static void stmt(Compiler *C, Node *N);
static void function(Compiler *C, Node *N, const char *Name);

static OpCode binaryOp(TokenKind K) {
  switch (K) {
  case TPlus:
  case TPlusAssign:
    return OpAdd;
  case TMinus:
  case TMinusAssign:
    return OpSub;
  case TStar:
  case TStarAssign:
    return OpMul;
  case TSlash:
    return OpDiv;
  case TPercent:
    return OpMod;
  case TAmp:
    return OpBitAnd;
  case TPipe:
    return OpBitOr;
  case TCaret:
    return OpBitXor;
  case TShl:
    return OpShl;
  case TShr:
    return OpShr;
  case TEq:
    return OpEq;
  case TNe:
    return OpNe;
  case TLt:
    return OpLt;
  case TLe:
    return OpLe;
  case TGt:
    return OpGt;
  case TGe:
    return OpGe;
  default:
    return OpNil;
  }
}

static void nameGet(Compiler *C, const char *Name) {
  int Slot;
  switch (resolve(C, Name, &Slot)) {
  case NameLocal:
    emitOpArg(C, OpGetLocal, Slot);
    break;
  case NameUpval:
    emitOpArg(C, OpGetUpval, Slot);
    break;
  case NameGlobal:
    emitOpArg(C, OpGetGlobal, Slot);
    break;
  }
}

static void nameSet(Compiler *C, const char *Name) {
  int Slot;
  switch (resolve(C, Name, &Slot)) {
  case NameLocal:
    emitOpArg(C, OpSetLocal, Slot);
    break;
  case NameUpval:
    emitOpArg(C, OpSetUpval, Slot);
    break;
  case NameGlobal:
    emitOpArg(C, OpSetGlobal, Slot);
    break;
  }
}

static int isSmallInt(Node *N) {
  return N->Kind == EInt && N->I >= -32768 && N->I <= 32767;
}

// x += k, x -= k and x = x + k on a local with a small constant k become
// one AddLocalInt (the loop counter case).
static int tryAddLocal(Compiler *C, Node *N) {
  Node *T = N->A, *V = N->B;
  int64_t K;
  if (T->Kind != EName)
    return 0;
  if ((N->Op == TPlusAssign || N->Op == TMinusAssign) && isSmallInt(V)) {
    K = N->Op == TPlusAssign ? V->I : -V->I;
  } else if (N->Op == TAssign && V->Kind == EBinary && V->Op == TPlus &&
             V->A->Kind == EName && strcmp(V->A->Str, T->Str) == 0 &&
             isSmallInt(V->B)) {
    K = V->B->I;
  } else {
    return 0;
  }
  int Slot = findLocal(C->Fn, T->Str);
  if (Slot < 0 || K < -32768 || K > 32767)
    return 0;
  emitOp(C, OpAddLocalInt);
  emitU16(C, Slot);
  emitU16(C, (int)(K & 0xffff));
  emitOpArg(C, OpGetLocal, Slot);
  return 1;
}

static void assign(Compiler *C, Node *N) {
  Node *T = N->A;
  if (tryAddLocal(C, N))
    return;
  if (T->Kind == EName) {
    if (N->Op != TAssign) {
      nameGet(C, T->Str);
      expr(C, N->B);
      emitOp(C, binaryOp(N->Op));
    } else {
      expr(C, N->B);
    }
    nameSet(C, T->Str);
    return;
  }
  // obj[key] (op)= value
  expr(C, T->A);
  expr(C, T->B);
  if (N->Op != TAssign) {
    emitOp(C, OpDup2);
    emitOp(C, OpGetIndex);
    expr(C, N->B);
    emitOp(C, binaryOp(N->Op));
  } else {
    expr(C, N->B);
  }
  emitOp(C, OpSetIndex);
}

static void literal(Compiler *C, Node *N) {
  switch (N->Kind) {
  case ENil:
    emitOp(C, OpNil);
    break;
  case ETrue:
    emitOp(C, OpTrue);
    break;
  case EFalse:
    emitOp(C, OpFalse);
    break;
  case EInt:
    if (isSmallInt(N))
      emitOpArg(C, OpSmallInt, (int)(N->I & 0xffff));
    else
      emitOpArg(C, OpConst, addConst(C, intV(N->I)));
    break;
  case EFloat:
    emitOpArg(C, OpConst, addConst(C, floatV(N->F)));
    break;
  case EStr:
    emitOpArg(C, OpConst, strConst(C, N->Str, (size_t)N->StrLen));
    break;
  default:
    break;
  }
}

static void expr(Compiler *C, Node *N) {
  C->Line = N->Line;
  switch (N->Kind) {
  case ENil:
  case ETrue:
  case EFalse:
  case EInt:
  case EFloat:
  case EStr:
    literal(C, N);
    break;
  case EName:
    nameGet(C, N->Str);
    break;
  case EUnary:
    expr(C, N->A);
    emitOp(C, N->Op == TMinus ? OpNeg : OpNot);
    break;
  case EBinary:
    expr(C, N->A);
    expr(C, N->B);
    emitOp(C, binaryOp(N->Op));
    break;
  case EAnd:
  case EOr: {
    expr(C, N->A);
    int J = emitJump(C, N->Kind == EAnd ? OpJumpIfFalseKeep : OpJumpIfTrueKeep);
    expr(C, N->B);
    patchJump(C, J);
    break;
  }
  case ECall:
    expr(C, N->A);
    for (int I = 0; I < N->List.Len; I++)
      expr(C, N->List.Items[I]);
    emitOpArg(C, OpCall, N->List.Len);
    break;
  case EIndex:
    expr(C, N->A);
    if (N->B->Kind == EStr) {
      emitOpArg(C, OpGetField, strConst(C, N->B->Str, (size_t)N->B->StrLen));
    } else {
      expr(C, N->B);
      emitOp(C, OpGetIndex);
    }
    break;
  case EArray:
    for (int I = 0; I < N->List.Len; I++)
      expr(C, N->List.Items[I]);
    emitOpArg(C, OpArray, N->List.Len);
    break;
  case EMap:
    for (int I = 0; I < N->List.Len; I++)
      expr(C, N->List.Items[I]);
    emitOpArg(C, OpMap, N->List.Len / 2);
    break;
  case EFunc:
    function(C, N, "<anonymous>");
    break;
  case EAssign:
    assign(C, N);
    break;
  default:
    fail(C, "not an expression", NULL);
    break;
  }
}

// ---- Functions -----------------------------------------------------------

static void function(Compiler *C, Node *N, const char *Name) {
  FnState F;
  memset(&F, 0, sizeof F);
  F.Enclosing = C->Fn;
  F.P = protoNew(C->V);
  F.P->Name = strCopy(C->V, Name, strlen(Name));
  F.P->Arity = N->Params.Len;
  F.Depth = 1;
  C->Fn = &F;
  addLocal(C, NULL); // slot 0: the closure being called
  for (int I = 0; I < N->Params.Len; I++)
    addLocal(C, N->Params.Items[I]->Str);
  Node *Body = N->A;
  for (int I = 0; I < Body->List.Len; I++)
    stmt(C, Body->List.Items[I]);
  emitOp(C, OpNil);
  emitOp(C, OpReturn);
  F.P->Upvals =
      gcRealloc(C->V, NULL, 0, sizeof(UpvalDesc) * (size_t)F.P->NumUpvals);
  if (F.P->NumUpvals)
    memcpy(F.P->Upvals, F.Upvals, sizeof(UpvalDesc) * (size_t)F.P->NumUpvals);
  C->Fn = F.Enclosing;
  emitOpArg(C, OpClosure, addConst(C, objV(F.P)));
}

// ---- Statements ----------------------------------------------------------

static void block(Compiler *C, Node *N) {
  beginScope(C);
  for (int I = 0; I < N->List.Len; I++)
    stmt(C, N->List.Items[I]);
  endScope(C);
}

static void declare(Compiler *C, const char *Name) {
  if (C->Fn->Depth == 0)
    emitOpArg(C, OpDefGlobal,
              globalSlot(C->V, strCopy(C->V, Name, strlen(Name))));
  else
    addLocal(C, Name);
}

static void loopBody(Compiler *C, Loop *L, Node *Body, int ContinueAt) {
  L->Outer = C->Fn->Loop;
  L->Depth = C->Fn->Depth;
  C->Fn->Loop = L;
  block(C, Body);
  C->Fn->Loop = L->Outer;
  int Target = ContinueAt >= 0 ? ContinueAt : (int)C->Fn->P->CodeLen;
  for (int I = 0; I < L->NumContinues; I++)
    patchJumpTo(C, L->Continues[I], Target);
}

static void whileStmt(Compiler *C, Node *N) {
  int Start = (int)C->Fn->P->CodeLen;
  expr(C, N->A);
  int Exit = emitJump(C, OpJumpIfFalse);
  Loop L;
  memset(&L, 0, sizeof L);
  loopBody(C, &L, N->B, Start);
  emitLoop(C, Start);
  patchJump(C, Exit);
  for (int I = 0; I < L.NumBreaks; I++)
    patchJump(C, L.Breaks[I]);
}

// Hidden locals: for ranges counter, limit, variable; for containers
// container, index, variable.
static void forStmt(Compiler *C, Node *N) {
  beginScope(C);
  int Base = C->Fn->NumLocals;
  expr(C, N->B);
  addLocal(C, "(a)");
  if (N->Kind == SForRange)
    expr(C, N->C);
  else
    emitOpArg(C, OpSmallInt, 0);
  addLocal(C, "(b)");
  emitOp(C, OpNil);
  addLocal(C, N->A->Str);
  int Start = (int)C->Fn->P->CodeLen;
  emitOp(C, N->Kind == SForRange ? OpForRange : OpForIn);
  emitU16(C, Base);
  emitU16(C, 0);
  int Exit = (int)C->Fn->P->CodeLen - 2;
  Loop L;
  memset(&L, 0, sizeof L);
  loopBody(C, &L, N->D, -1);
  if (N->Kind == SForRange) {
    emitOp(C, OpAddLocalInt);
    emitU16(C, Base);
    emitU16(C, 1);
  }
  emitLoop(C, Start);
  patchJump(C, Exit);
  for (int I = 0; I < L.NumBreaks; I++)
    patchJump(C, L.Breaks[I]);
  endScope(C);
}

static void jumpOut(Compiler *C, int IsBreak) {
  Loop *L = C->Fn->Loop;
  if (!L) {
    fail(C, IsBreak ? "break" : "continue", " outside a loop");
    return;
  }
  unwindTo(C, L->Depth, 0);
  int *List = IsBreak ? L->Breaks : L->Continues;
  int *Len = IsBreak ? &L->NumBreaks : &L->NumContinues;
  if (*Len == MAX_JUMPS) {
    fail(C, "too many break/continue in one loop", NULL);
    return;
  }
  List[(*Len)++] = emitJump(C, OpJump);
}

static void ifStmt(Compiler *C, Node *N) {
  expr(C, N->A);
  int Else = emitJump(C, OpJumpIfFalse);
  block(C, N->B);
  if (!N->C) {
    patchJump(C, Else);
    return;
  }
  int End = emitJump(C, OpJump);
  patchJump(C, Else);
  if (N->C->Kind == SIf)
    ifStmt(C, N->C);
  else
    block(C, N->C);
  patchJump(C, End);
}

static void stmt(Compiler *C, Node *N) {
  C->Line = N->Line;
  switch (N->Kind) {
  case SExpr:
    expr(C, N->A);
    emitOp(C, OpPop);
    break;
  case SLet:
    if (N->A)
      expr(C, N->A);
    else
      emitOp(C, OpNil);
    declare(C, N->Str);
    break;
  case SFunc:
    if (C->Fn->Depth > 0) {
      emitOp(C, OpNil); // the slot exists first, so the body can recurse
      int Slot = addLocal(C, N->Str);
      function(C, N, N->Str);
      emitOpArg(C, OpSetLocal, Slot);
      emitOp(C, OpPop);
    } else {
      function(C, N, N->Str);
      declare(C, N->Str);
    }
    break;
  case SBlock:
    block(C, N);
    break;
  case SIf:
    ifStmt(C, N);
    break;
  case SWhile:
    whileStmt(C, N);
    break;
  case SForRange:
  case SForIn:
    forStmt(C, N);
    break;
  case SReturn:
    if (N->A)
      expr(C, N->A);
    else
      emitOp(C, OpNil);
    emitOp(C, OpReturn);
    break;
  case SBreak:
  case SContinue:
    jumpOut(C, N->Kind == SBreak);
    break;
  default:
    expr(C, N);
    emitOp(C, OpPop);
    break;
  }
}

Proto *compileProgram(Vm *V, Node *Program, const char *Name) {
  Compiler C;
  memset(&C, 0, sizeof C);
  C.V = V;
  C.Name = Name;
  foldConstants(Program);
  FnState F;
  memset(&F, 0, sizeof F);
  V->GcPaused++; // protos under construction are not rooted yet
  F.P = protoNew(V);
  F.P->Name = strCopy(V, Name, strlen(Name));
  C.Fn = &F;
  addLocal(&C, NULL);
  for (int I = 0; I < Program->List.Len; I++)
    stmt(&C, Program->List.Items[I]);
  emitOp(&C, OpNil);
  emitOp(&C, OpReturn);
  V->GcPaused--;
  return C.Failed ? NULL : F.P;
}
