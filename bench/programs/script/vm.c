// The virtual machine: a switch-dispatched stack interpreter with call
// frames, closures over open/closed upvalues, and generic arithmetic on
// ints, floats and strings. The stack pointer is kept in a local and
// written back (SYNC) before anything that may allocate, since the
// collector scans the stack up to V->Sp.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"

void vmInit(Vm *V) {
  memset(V, 0, sizeof *V);
  V->Sp = V->Stack;
  V->NextGc = 1u << 20;
  V->GcPaused = 1;
  V->GlobalIndex = mapNew(V);
  V->InitString = strCopy(V, "init", 4);
  V->GcPaused = 0;
  V->OutHash = 1469598103934665603ULL;
}

void vmFree(Vm *V) {
  Obj *O = V->Objects;
  while (O) {
    Obj *Next = O->Next;
    switch (O->Kind) {
    case OArray:
      free(((Array *)O)->Items);
      break;
    case OMap:
      free(((Map *)O)->Entries);
      free(((Map *)O)->Index);
      break;
    case OProto: {
      Proto *P = (Proto *)O;
      free(P->Code);
      free(P->Lines);
      free(P->Consts);
      free(P->Upvals);
      break;
    }
    default:
      break;
    }
    free(O);
    O = Next;
  }
  free(V->Strings);
  free(V->Gray);
  free(V->GlobalNames);
  free(V->Globals);
  free(V->GlobalDefined);
}

void output(Vm *V, const char *S, size_t Len) {
  for (size_t I = 0; I < Len; I++) {
    V->OutHash ^= (uint8_t)S[I];
    V->OutHash *= 1099511628211ULL;
  }
  V->OutBytes += Len;
  if (V->Echo)
    fwrite(S, 1, Len, stdout);
}

static int currentLine(Vm *V) {
  if (!V->NumFrames)
    return 0;
  Frame *F = &V->Frames[V->NumFrames - 1];
  Proto *P = F->C->P;
  size_t Off = (size_t)(F->Ip - P->Code);
  return Off > 0 && Off <= P->CodeLen ? P->Lines[Off - 1] : 0;
}

void vmError(Vm *V, const char *Fmt, ...) {
  fprintf(stderr, "runtime error (line %d): ", currentLine(V));
  va_list Ap;
  va_start(Ap, Fmt);
  vfprintf(stderr, Fmt, Ap);
  va_end(Ap);
  fprintf(stderr, "\n");
  for (int I = V->NumFrames - 1; I >= 0; I--)
    fprintf(stderr, "  in %s\n", V->Frames[I].C->P->Name->Chars);
  exit(1);
}

int globalSlot(Vm *V, String *Name) {
  Value Slot;
  if (mapGet(V->GlobalIndex, objV(Name), &Slot))
    return (int)Slot.As.I;
  if (V->NumGlobals == V->GlobalCap) {
    int NewCap = V->GlobalCap ? V->GlobalCap * 2 : 64;
    V->GlobalNames = realloc(V->GlobalNames, sizeof(String *) * (size_t)NewCap);
    V->Globals = realloc(V->Globals, sizeof(Value) * (size_t)NewCap);
    V->GlobalDefined = realloc(V->GlobalDefined, (size_t)NewCap);
    if (!V->GlobalNames || !V->Globals || !V->GlobalDefined)
      abort();
    V->GlobalCap = NewCap;
  }
  int I = V->NumGlobals++;
  V->GlobalNames[I] = Name;
  V->Globals[I] = NIL;
  V->GlobalDefined[I] = 0;
  Value Key = objV(Name);
  pushRoot(V, &Key);
  mapSet(V, V->GlobalIndex, Key, intV(I));
  popRoot(V);
  return I;
}

void defineNative(Vm *V, const char *Name, int Arity, NativeFn Fn) {
  Value S = objV(strCopy(V, Name, strlen(Name)));
  pushRoot(V, &S);
  int Slot = globalSlot(V, AS_STR(S));
  Native *N = gcAlloc(V, ONative, sizeof(Native));
  N->Name = Name;
  N->Arity = Arity;
  N->Fn = Fn;
  V->Globals[Slot] = objV(N);
  V->GlobalDefined[Slot] = 1;
  popRoot(V);
}

// ---- Upvalues ------------------------------------------------------------

static Upvalue *captureUpval(Vm *V, Value *Slot) {
  Upvalue **Link = &V->OpenUpvals;
  while (*Link && (*Link)->Loc > Slot)
    Link = &(*Link)->NextOpen;
  if (*Link && (*Link)->Loc == Slot)
    return *Link;
  Upvalue *U = upvalNew(V, Slot);
  U->NextOpen = *Link;
  *Link = U;
  return U;
}

static void closeUpvals(Vm *V, Value *From) {
  while (V->OpenUpvals && V->OpenUpvals->Loc >= From) {
    Upvalue *U = V->OpenUpvals;
    U->Closed = *U->Loc;
    U->Loc = &U->Closed;
    V->OpenUpvals = U->NextOpen;
  }
}

// ---- Arithmetic ----------------------------------------------------------

static double toFloat(Vm *V, Value X, const char *Op) {
  if (X.Kind == VInt)
    return (double)X.As.I;
  if (X.Kind == VFloat)
    return X.As.F;
  vmError(V, "operand of %s is %s, not a number", Op, typeName(X));
  return 0;
}

static Value arith(Vm *V, OpCode Op, Value A, Value B) {
  if (A.Kind == VInt && B.Kind == VInt) {
    uint64_t X = (uint64_t)A.As.I, Y = (uint64_t)B.As.I;
    switch (Op) {
    case OpAdd:
      return intV((int64_t)(X + Y));
    case OpSub:
      return intV((int64_t)(X - Y));
    case OpMul:
      return intV((int64_t)(X * Y));
    case OpDiv:
    case OpMod:
      if (B.As.I == 0)
        vmError(V, "integer division by zero");
      if (B.As.I == -1)
        return intV(Op == OpDiv ? (int64_t)(0 - X) : 0);
      return intV(Op == OpDiv ? A.As.I / B.As.I : A.As.I % B.As.I);
    case OpBitAnd:
      return intV((int64_t)(X & Y));
    case OpBitOr:
      return intV((int64_t)(X | Y));
    case OpBitXor:
      return intV((int64_t)(X ^ Y));
    case OpShl:
      return intV((int64_t)(X << (Y & 63)));
    case OpShr:
      return intV((int64_t)(X >> (Y & 63)));
    default:
      break;
    }
  }
  if (Op == OpAdd && (isObj(A, OString) || isObj(B, OString))) {
    Value Tmp[2] = {A, B};
    pushRoot(V, &Tmp[0]);
    pushRoot(V, &Tmp[1]);
    if (!isObj(Tmp[0], OString))
      Tmp[0] = objV(valueToString(V, Tmp[0]));
    if (!isObj(Tmp[1], OString))
      Tmp[1] = objV(valueToString(V, Tmp[1]));
    String *R = strConcat(V, AS_STR(Tmp[0]), AS_STR(Tmp[1]));
    popRoot(V);
    popRoot(V);
    return objV(R);
  }
  const char *Name = Op == OpAdd   ? "+"
                     : Op == OpSub ? "-"
                     : Op == OpMul ? "*"
                     : Op == OpDiv ? "/"
                                   : "an integer operator";
  if (Op > OpDiv)
    vmError(V, "%s needs integers, got %s and %s", Name, typeName(A),
            typeName(B));
  double X = toFloat(V, A, Name), Y = toFloat(V, B, Name);
  switch (Op) {
  case OpAdd:
    return floatV(X + Y);
  case OpSub:
    return floatV(X - Y);
  case OpMul:
    return floatV(X * Y);
  default:
    return floatV(X / Y);
  }
}

// <0, 0, >0 for numbers and strings.
static int compare(Vm *V, Value A, Value B) {
  if (A.Kind == VInt && B.Kind == VInt)
    return A.As.I < B.As.I ? -1 : A.As.I > B.As.I;
  if (isObj(A, OString) && isObj(B, OString)) {
    String *X = AS_STR(A), *Y = AS_STR(B);
    uint32_t N = X->Len < Y->Len ? X->Len : Y->Len;
    int R = memcmp(X->Chars, Y->Chars, N);
    if (R)
      return R;
    return X->Len < Y->Len ? -1 : X->Len > Y->Len;
  }
  double X = toFloat(V, A, "a comparison"), Y = toFloat(V, B, "a comparison");
  return X < Y ? -1 : X > Y;
}

// ---- Indexing ------------------------------------------------------------

static Value getIndex(Vm *V, Value Obj, Value Key) {
  if (isObj(Obj, OArray)) {
    Array *A = AS_ARR(Obj);
    if (Key.Kind != VInt)
      vmError(V, "array index is %s", typeName(Key));
    if (Key.As.I < 0 || Key.As.I >= A->Len)
      vmError(V, "array index %lld out of range (length %u)",
              (long long)Key.As.I, A->Len);
    return A->Items[Key.As.I];
  }
  if (isObj(Obj, OMap)) {
    Value R;
    return mapGet(AS_MAP(Obj), Key, &R) ? R : NIL;
  }
  if (isObj(Obj, OString)) {
    String *S = AS_STR(Obj);
    if (Key.Kind != VInt || Key.As.I < 0 || Key.As.I >= S->Len)
      vmError(V, "bad string index");
    return objV(strCopy(V, S->Chars + Key.As.I, 1));
  }
  vmError(V, "cannot index %s", typeName(Obj));
  return NIL;
}

static void setIndex(Vm *V, Value Obj, Value Key, Value Val) {
  if (isObj(Obj, OArray)) {
    Array *A = AS_ARR(Obj);
    if (Key.Kind != VInt)
      vmError(V, "array index is %s", typeName(Key));
    if (Key.As.I == A->Len) {
      arrPush(V, A, Val);
      return;
    }
    if (Key.As.I < 0 || Key.As.I > A->Len)
      vmError(V, "array index %lld out of range (length %u)",
              (long long)Key.As.I, A->Len);
    A->Items[Key.As.I] = Val;
    return;
  }
  if (isObj(Obj, OMap)) {
    if (Key.Kind == VNil)
      vmError(V, "nil map key");
    mapSet(V, AS_MAP(Obj), Key, Val);
    return;
  }
  vmError(V, "cannot assign into %s", typeName(Obj));
}

// ---- Calls ---------------------------------------------------------------

// Calls the callee at Sp[-Argc-1]; for closures pushes a frame (the loop
// continues in it), for natives replaces callee and arguments by the result.
static void callValue(Vm *V, int Argc) {
  Value Callee = V->Sp[-Argc - 1];
  if (isObj(Callee, OClosure)) {
    Closure *C = (Closure *)Callee.As.O;
    if (Argc != C->P->Arity)
      vmError(V, "%s expects %d arguments, got %d", C->P->Name->Chars,
              C->P->Arity, Argc);
    if (V->NumFrames == MAX_FRAMES ||
        V->Sp + C->P->MaxSlots + 64 > V->Stack + STACK_SIZE)
      vmError(V, "stack overflow");
    Frame *F = &V->Frames[V->NumFrames++];
    F->C = C;
    F->Ip = C->P->Code;
    F->Base = V->Sp - Argc - 1;
    return;
  }
  if (isObj(Callee, ONative)) {
    Native *N = (Native *)Callee.As.O;
    if (N->Arity >= 0 && Argc != N->Arity)
      vmError(V, "%s expects %d arguments, got %d", N->Name, N->Arity, Argc);
    Value R = N->Fn(V, Argc, V->Sp - Argc);
    V->Sp -= Argc + 1;
    *V->Sp++ = R;
    return;
  }
  vmError(V, "cannot call %s", typeName(Callee));
}

#define READ16() (Ip += 2, (uint16_t)(Ip[-2] | (Ip[-1] << 8)))
#define PUSH(X) (*Sp++ = (X))
#define POP() (*--Sp)
#define PEEK(N) (Sp[-1 - (N)])
#define SYNC() (V->Sp = Sp, Frm->Ip = Ip)
#define RELOAD()                                                               \
  (Frm = &V->Frames[V->NumFrames - 1], Ip = Frm->Ip, Base = Frm->Base,         \
   Consts = Frm->C->P->Consts, Sp = V->Sp)

// Runs until a return brings the frame count back to StopDepth; returns
// that return's value.
static Value execute(Vm *V, int StopDepth) {
  Frame *Frm;
  uint8_t *Ip;
  Value *Base, *Sp, *Consts;
  RELOAD();
  uint64_t Count = 0;
  for (;;) {
    Count++;
    switch ((OpCode)*Ip++) {
    case OpConst:
      PUSH(Consts[READ16()]);
      break;
    case OpSmallInt:
      PUSH(intV((int16_t)READ16()));
      break;
    case OpNil:
      PUSH(NIL);
      break;
    case OpTrue:
      PUSH(boolV(1));
      break;
    case OpFalse:
      PUSH(boolV(0));
      break;
    case OpPop:
      Sp--;
      break;
    case OpDup:
      Sp[0] = Sp[-1];
      Sp++;
      break;
    case OpDup2:
      Sp[0] = Sp[-2];
      Sp[1] = Sp[-1];
      Sp += 2;
      break;
    case OpGetLocal:
      PUSH(Base[READ16()]);
      break;
    case OpSetLocal:
      Base[READ16()] = PEEK(0);
      break;
    case OpGetGlobal: {
      uint16_t G = READ16();
      if (!V->GlobalDefined[G]) {
        SYNC();
        vmError(V, "undefined variable %s", V->GlobalNames[G]->Chars);
      }
      PUSH(V->Globals[G]);
      break;
    }
    case OpSetGlobal: {
      uint16_t G = READ16();
      if (!V->GlobalDefined[G]) {
        SYNC();
        vmError(V, "assignment to undefined variable %s",
                V->GlobalNames[G]->Chars);
      }
      V->Globals[G] = PEEK(0);
      break;
    }
    case OpDefGlobal: {
      uint16_t G = READ16();
      V->Globals[G] = POP();
      V->GlobalDefined[G] = 1;
      break;
    }
    case OpGetUpval:
      PUSH(*Frm->C->Upvals[READ16()]->Loc);
      break;
    case OpSetUpval:
      *Frm->C->Upvals[READ16()]->Loc = PEEK(0);
      break;
    case OpCloseUpval:
      closeUpvals(V, Sp - 1);
      Sp--;
      break;
    case OpGetIndex: {
      SYNC();
      Value R = getIndex(V, PEEK(1), PEEK(0));
      Sp -= 2;
      PUSH(R);
      break;
    }
    case OpSetIndex: {
      SYNC();
      setIndex(V, PEEK(2), PEEK(1), PEEK(0));
      Value R = PEEK(0);
      Sp -= 3;
      PUSH(R);
      break;
    }
    case OpGetField: {
      Value Key = Consts[READ16()];
      SYNC();
      Value R = getIndex(V, PEEK(0), Key);
      Sp[-1] = R;
      break;
    }
    case OpSetField: {
      Value Key = Consts[READ16()];
      SYNC();
      setIndex(V, PEEK(1), Key, PEEK(0));
      Value R = PEEK(0);
      Sp -= 2;
      PUSH(R);
      break;
    }
    case OpAdd:
    case OpSub:
    case OpMul: {
      Value B = PEEK(0), A = PEEK(1);
      OpCode Op = (OpCode)Ip[-1];
      if (A.Kind == VInt && B.Kind == VInt) {
        uint64_t X = (uint64_t)A.As.I, Y = (uint64_t)B.As.I;
        uint64_t R = Op == OpAdd ? X + Y : Op == OpSub ? X - Y : X * Y;
        Sp[-2] = intV((int64_t)R);
      } else if (A.Kind == VFloat && B.Kind == VFloat) {
        double X = A.As.F, Y = B.As.F;
        Sp[-2] = floatV(Op == OpAdd ? X + Y : Op == OpSub ? X - Y : X * Y);
      } else {
        SYNC();
        Sp[-2] = arith(V, Op, A, B);
      }
      Sp--;
      break;
    }
    case OpDiv:
    case OpMod:
    case OpBitAnd:
    case OpBitOr:
    case OpBitXor:
    case OpShl:
    case OpShr:
      SYNC();
      Sp[-2] = arith(V, (OpCode)Ip[-1], PEEK(1), PEEK(0));
      Sp--;
      break;
    case OpNeg: {
      Value A = PEEK(0);
      if (A.Kind == VInt)
        Sp[-1] = intV((int64_t)(0 - (uint64_t)A.As.I));
      else if (A.Kind == VFloat)
        Sp[-1] = floatV(-A.As.F);
      else {
        SYNC();
        vmError(V, "cannot negate %s", typeName(A));
      }
      break;
    }
    case OpNot:
      Sp[-1] = boolV(!truthy(PEEK(0)));
      break;
    case OpEq:
    case OpNe: {
      int R = valuesEqual(PEEK(1), PEEK(0));
      Sp[-2] = boolV((OpCode)Ip[-1] == OpEq ? R : !R);
      Sp--;
      break;
    }
    case OpLt:
    case OpLe:
    case OpGt:
    case OpGe: {
      Value A = PEEK(1), B = PEEK(0);
      int C;
      if (A.Kind == VInt && B.Kind == VInt) {
        C = A.As.I < B.As.I ? -1 : A.As.I > B.As.I;
      } else {
        SYNC();
        C = compare(V, A, B);
      }
      OpCode Op = (OpCode)Ip[-1];
      int R = Op == OpLt   ? C < 0
              : Op == OpLe ? C <= 0
              : Op == OpGt ? C > 0
                           : C >= 0;
      Sp[-2] = boolV(R);
      Sp--;
      break;
    }
    case OpAddLocalInt: {
      uint16_t S = READ16();
      int16_t K = (int16_t)READ16();
      Value *L = &Base[S];
      if (L->Kind == VInt) {
        L->As.I = (int64_t)((uint64_t)L->As.I + (uint64_t)(int64_t)K);
      } else {
        SYNC();
        *L = arith(V, OpAdd, *L, intV(K));
      }
      break;
    }
    case OpJump: {
      uint16_t Off = READ16();
      Ip += Off;
      break;
    }
    case OpJumpIfFalse: {
      uint16_t Off = READ16();
      if (!truthy(POP()))
        Ip += Off;
      break;
    }
    case OpJumpIfFalseKeep: {
      uint16_t Off = READ16();
      if (!truthy(PEEK(0)))
        Ip += Off;
      else
        Sp--;
      break;
    }
    case OpJumpIfTrueKeep: {
      uint16_t Off = READ16();
      if (truthy(PEEK(0)))
        Ip += Off;
      else
        Sp--;
      break;
    }
    case OpLoop: {
      uint16_t Off = READ16();
      Ip -= Off;
      break;
    }
    case OpForRange: {
      uint16_t S = READ16(), Off = READ16();
      Value *L = &Base[S];
      if (L[0].Kind != VInt || L[1].Kind != VInt) {
        SYNC();
        vmError(V, "range bounds must be integers");
      }
      if (L[0].As.I < L[1].As.I)
        L[2] = L[0];
      else
        Ip += Off;
      break;
    }
    case OpForIn: {
      uint16_t S = READ16(), Off = READ16();
      Value *L = &Base[S];
      if (isObj(L[0], OArray)) {
        Array *A = AS_ARR(L[0]);
        if (L[1].As.I < A->Len) {
          L[2] = A->Items[L[1].As.I];
          L[1].As.I++;
        } else {
          Ip += Off;
        }
      } else if (isObj(L[0], OMap)) {
        Map *M = AS_MAP(L[0]);
        while (L[1].As.I < M->Used && !M->Entries[L[1].As.I].Live)
          L[1].As.I++;
        if (L[1].As.I < M->Used) {
          L[2] = M->Entries[L[1].As.I].Key;
          L[1].As.I++;
        } else {
          Ip += Off;
        }
      } else {
        SYNC();
        vmError(V, "cannot iterate over %s", typeName(L[0]));
      }
      break;
    }
    case OpCall: {
      uint16_t Argc = READ16();
      SYNC();
      callValue(V, Argc);
      RELOAD();
      break;
    }
    case OpReturn: {
      Value R = POP();
      closeUpvals(V, Base);
      V->NumFrames--;
      V->Sp = Base;
      if (V->NumFrames == StopDepth) {
        V->Instructions += Count;
        return R;
      }
      *V->Sp++ = R;
      RELOAD();
      break;
    }
    case OpClosure: {
      Proto *P = (Proto *)Consts[READ16()].As.O;
      SYNC();
      Closure *C = closureNew(V, P);
      PUSH(objV(C));
      V->Sp = Sp;
      for (int I = 0; I < P->NumUpvals; I++)
        C->Upvals[I] = P->Upvals[I].IsLocal
                           ? captureUpval(V, Base + P->Upvals[I].Index)
                           : Frm->C->Upvals[P->Upvals[I].Index];
      break;
    }
    case OpArray: {
      uint16_t N = READ16();
      SYNC();
      Array *A = arrNew(V, N);
      if (N)
        memcpy(A->Items, Sp - N, sizeof(Value) * N);
      A->Len = N;
      Sp -= N;
      PUSH(objV(A));
      break;
    }
    case OpMap: {
      uint16_t N = READ16();
      SYNC();
      Map *M = mapNew(V);
      Value Tmp = objV(M);
      pushRoot(V, &Tmp);
      for (uint16_t I = 0; I < N; I++) {
        Value K = Sp[-2 * N + 2 * I];
        if (K.Kind == VNil)
          vmError(V, "nil map key");
        mapSet(V, M, K, Sp[-2 * N + 2 * I + 1]);
      }
      popRoot(V);
      Sp -= 2 * N;
      PUSH(Tmp);
      break;
    }
    default:
      SYNC();
      vmError(V, "bad opcode %d", Ip[-1]);
    }
  }
}

Value vmCall(Vm *V, Value Callee, int Argc, Value *Args) {
  int Depth = V->NumFrames;
  if (V->Sp + Argc + 1 > V->Stack + STACK_SIZE)
    vmError(V, "stack overflow");
  *V->Sp++ = Callee;
  for (int I = 0; I < Argc; I++)
    *V->Sp++ = Args[I];
  callValue(V, Argc);
  if (V->NumFrames == Depth) // a native: its result is on the stack
    return *--V->Sp;
  return execute(V, Depth);
}

int vmRun(Vm *V, Proto *P) {
  Value Fn = objV(P);
  pushRoot(V, &Fn);
  Closure *C = closureNew(V, P);
  popRoot(V);
  Value Callee = objV(C);
  vmCall(V, Callee, 0, NULL);
  V->Sp = V->Stack;
  return 0;
}
