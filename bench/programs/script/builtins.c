// Built-in functions of the language: output, conversions, strings, arrays,
// maps, sorting with a script comparator (calls back into the VM), math.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"

// ---- Printing ------------------------------------------------------------

static void append(char **Buf, size_t *Len, size_t *Cap, const char *S,
                   size_t N) {
  if (*Len + N + 1 > *Cap) {
    size_t NewCap = *Cap ? *Cap * 2 : 64;
    while (NewCap < *Len + N + 1)
      NewCap *= 2;
    *Buf = realloc(*Buf, NewCap);
    if (!*Buf)
      abort();
    *Cap = NewCap;
  }
  memcpy(*Buf + *Len, S, N);
  *Len += N;
  (*Buf)[*Len] = 0;
}

static void appendValue(Value V, char **Buf, size_t *Len, size_t *Cap,
                        int Quote, int Depth);

static void appendContainer(Value V, char **Buf, size_t *Len, size_t *Cap,
                            int Depth) {
  if (Depth > 8) {
    append(Buf, Len, Cap, "...", 3);
    return;
  }
  if (isObj(V, OArray)) {
    Array *A = AS_ARR(V);
    append(Buf, Len, Cap, "[", 1);
    for (uint32_t I = 0; I < A->Len; I++) {
      if (I)
        append(Buf, Len, Cap, ", ", 2);
      appendValue(A->Items[I], Buf, Len, Cap, 1, Depth + 1);
    }
    append(Buf, Len, Cap, "]", 1);
    return;
  }
  Map *M = AS_MAP(V);
  append(Buf, Len, Cap, "{", 1);
  int First = 1;
  for (uint32_t I = 0; I < M->Used; I++) {
    if (!M->Entries[I].Live)
      continue;
    if (!First)
      append(Buf, Len, Cap, ", ", 2);
    First = 0;
    appendValue(M->Entries[I].Key, Buf, Len, Cap, 1, Depth + 1);
    append(Buf, Len, Cap, ": ", 2);
    appendValue(M->Entries[I].Val, Buf, Len, Cap, 1, Depth + 1);
  }
  append(Buf, Len, Cap, "}", 1);
}

static void appendValue(Value V, char **Buf, size_t *Len, size_t *Cap,
                        int Quote, int Depth) {
  char Tmp[64];
  int N;
  switch (V.Kind) {
  case VNil:
    append(Buf, Len, Cap, "nil", 3);
    return;
  case VBool:
    append(Buf, Len, Cap, V.As.B ? "true" : "false", V.As.B ? 4 : 5);
    return;
  case VInt:
    N = snprintf(Tmp, sizeof Tmp, "%lld", (long long)V.As.I);
    append(Buf, Len, Cap, Tmp, (size_t)N);
    return;
  case VFloat:
    N = snprintf(Tmp, sizeof Tmp, "%.12g", V.As.F);
    append(Buf, Len, Cap, Tmp, (size_t)N);
    if (!strpbrk(Tmp, ".einn"))
      append(Buf, Len, Cap, ".0", 2);
    return;
  case VObj:
    break;
  }
  switch (V.As.O->Kind) {
  case OString:
    if (Quote)
      append(Buf, Len, Cap, "\"", 1);
    append(Buf, Len, Cap, AS_STR(V)->Chars, AS_STR(V)->Len);
    if (Quote)
      append(Buf, Len, Cap, "\"", 1);
    return;
  case OArray:
  case OMap:
    appendContainer(V, Buf, Len, Cap, Depth);
    return;
  case OClosure:
    N = snprintf(Tmp, sizeof Tmp, "<fn %s>",
                 ((Closure *)V.As.O)->P->Name->Chars);
    append(Buf, Len, Cap, Tmp, (size_t)N);
    return;
  case ONative:
    N = snprintf(Tmp, sizeof Tmp, "<native %s>", ((Native *)V.As.O)->Name);
    append(Buf, Len, Cap, Tmp, (size_t)N);
    return;
  default:
    append(Buf, Len, Cap, "<internal>", 10);
    return;
  }
}

void valueToText(Value V, char **Buf, size_t *Len, size_t *Cap, int Quote) {
  appendValue(V, Buf, Len, Cap, Quote, 0);
}

String *valueToString(Vm *V, Value X) {
  if (isObj(X, OString))
    return AS_STR(X);
  char *Buf = NULL;
  size_t Len = 0, Cap = 0;
  valueToText(X, &Buf, &Len, &Cap, 0);
  String *S = strCopy(V, Buf ? Buf : "", Len);
  free(Buf);
  return S;
}

static Value bPrint(Vm *V, int Argc, Value *Args) {
  char *Buf = NULL;
  size_t Len = 0, Cap = 0;
  for (int I = 0; I < Argc; I++) {
    if (I)
      append(&Buf, &Len, &Cap, " ", 1);
    valueToText(Args[I], &Buf, &Len, &Cap, 0);
  }
  append(&Buf, &Len, &Cap, "\n", 1);
  output(V, Buf, Len);
  free(Buf);
  return NIL;
}

// ---- Checking helpers ----------------------------------------------------

static int64_t argInt(Vm *V, Value *Args, int I, const char *Fn) {
  if (Args[I].Kind != VInt)
    vmError(V, "%s: argument %d must be an int, not %s", Fn, I + 1,
            typeName(Args[I]));
  return Args[I].As.I;
}

static String *argStr(Vm *V, Value *Args, int I, const char *Fn) {
  if (!isObj(Args[I], OString))
    vmError(V, "%s: argument %d must be a string, not %s", Fn, I + 1,
            typeName(Args[I]));
  return AS_STR(Args[I]);
}

static Array *argArr(Vm *V, Value *Args, int I, const char *Fn) {
  if (!isObj(Args[I], OArray))
    vmError(V, "%s: argument %d must be an array, not %s", Fn, I + 1,
            typeName(Args[I]));
  return AS_ARR(Args[I]);
}

static Map *argMap(Vm *V, Value *Args, int I, const char *Fn) {
  if (!isObj(Args[I], OMap))
    vmError(V, "%s: argument %d must be a map, not %s", Fn, I + 1,
            typeName(Args[I]));
  return AS_MAP(Args[I]);
}

static double argNum(Vm *V, Value *Args, int I, const char *Fn) {
  if (Args[I].Kind == VInt)
    return (double)Args[I].As.I;
  if (Args[I].Kind != VFloat)
    vmError(V, "%s: argument %d must be a number, not %s", Fn, I + 1,
            typeName(Args[I]));
  return Args[I].As.F;
}

// ---- Conversions and math ------------------------------------------------

static Value bLen(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  Value X = Args[0];
  if (isObj(X, OString))
    return intV(AS_STR(X)->Len);
  if (isObj(X, OArray))
    return intV(AS_ARR(X)->Len);
  if (isObj(X, OMap))
    return intV(AS_MAP(X)->Count);
  vmError(V, "len of %s", typeName(X));
  return NIL;
}

static Value bStr(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  return objV(valueToString(V, Args[0]));
}

static Value bInt(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  Value X = Args[0];
  if (X.Kind == VInt)
    return X;
  if (X.Kind == VFloat) {
    if (!(X.As.F > -9.2e18 && X.As.F < 9.2e18))
      vmError(V, "int: %g out of range", X.As.F);
    return intV((int64_t)X.As.F);
  }
  if (isObj(X, OString)) {
    String *S = AS_STR(X);
    int64_t R = 0;
    uint32_t I = 0;
    int Neg = S->Len > 0 && S->Chars[0] == '-';
    for (I = (uint32_t)Neg;
         I < S->Len && S->Chars[I] >= '0' && S->Chars[I] <= '9'; I++)
      R = (int64_t)((uint64_t)R * 10 + (uint64_t)(S->Chars[I] - '0'));
    return intV(Neg ? (int64_t)(0 - (uint64_t)R) : R);
  }
  vmError(V, "int of %s", typeName(X));
  return NIL;
}

static Value bFloat(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  return floatV(argNum(V, Args, 0, "float"));
}

static Value bSqrt(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  return floatV(sqrt(argNum(V, Args, 0, "sqrt")));
}

static Value bFloor(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  double F = floor(argNum(V, Args, 0, "floor"));
  if (!(F > -9.2e18 && F < 9.2e18))
    vmError(V, "floor: out of range");
  return intV((int64_t)F);
}

static Value bAbs(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  if (Args[0].Kind == VInt)
    return intV(Args[0].As.I < 0 ? (int64_t)(0 - (uint64_t)Args[0].As.I)
                                 : Args[0].As.I);
  return floatV(fabs(argNum(V, Args, 0, "abs")));
}

static Value minMax(Vm *V, int Argc, Value *Args, int WantMax) {
  if (Argc == 0)
    vmError(V, "min/max of nothing");
  Value Best = Args[0];
  for (int I = 1; I < Argc; I++) {
    double A = argNum(V, Args, I, "min/max"),
           B = argNum(V, &Best, 0, "min/max");
    if (WantMax ? A > B : A < B)
      Best = Args[I];
  }
  return Best;
}

static Value bMin(Vm *V, int Argc, Value *Args) {
  return minMax(V, Argc, Args, 0);
}
static Value bMax(Vm *V, int Argc, Value *Args) {
  return minMax(V, Argc, Args, 1);
}

static Value bType(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  const char *T = typeName(Args[0]);
  if (isObj(Args[0], OClosure) || isObj(Args[0], ONative))
    T = "function";
  return objV(strCopy(V, T, strlen(T)));
}

// ---- Strings -------------------------------------------------------------

static Value bChr(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  char C = (char)(argInt(V, Args, 0, "chr") & 0xff);
  return objV(strCopy(V, &C, 1));
}

static Value bOrd(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  String *S = argStr(V, Args, 0, "ord");
  int64_t I = Argc > 1 ? argInt(V, Args, 1, "ord") : 0;
  if (I < 0 || I >= S->Len)
    vmError(V, "ord: index out of range");
  return intV((uint8_t)S->Chars[I]);
}

static Value bSubstr(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  String *S = argStr(V, Args, 0, "substr");
  int64_t From = argInt(V, Args, 1, "substr"),
          To = argInt(V, Args, 2, "substr");
  if (From < 0)
    From = 0;
  if (To > S->Len)
    To = S->Len;
  if (To < From)
    To = From;
  return objV(strCopy(V, S->Chars + From, (size_t)(To - From)));
}

static Value bFind(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  String *S = argStr(V, Args, 0, "find"), *Sub = argStr(V, Args, 1, "find");
  if (Sub->Len == 0)
    return intV(0);
  for (uint32_t I = 0; I + Sub->Len <= S->Len; I++)
    if (S->Chars[I] == Sub->Chars[0] &&
        memcmp(S->Chars + I, Sub->Chars, Sub->Len) == 0)
      return intV(I);
  return intV(-1);
}

static Value bSplit(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  String *S = argStr(V, Args, 0, "split");
  String *Sep = argStr(V, Args, 1, "split");
  if (Sep->Len != 1)
    vmError(V, "split: separator must be one character");
  Value R = objV(arrNew(V, 0));
  pushRoot(V, &R);
  uint32_t Start = 0;
  for (uint32_t I = 0; I <= S->Len; I++) {
    if (I == S->Len || S->Chars[I] == Sep->Chars[0]) {
      Value Part = objV(strCopy(V, S->Chars + Start, I - Start));
      arrPush(V, AS_ARR(R), Part);
      Start = I + 1;
    }
  }
  popRoot(V);
  return R;
}

static Value bJoin(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  Array *A = argArr(V, Args, 0, "join");
  String *Sep = argStr(V, Args, 1, "join");
  char *Buf = NULL;
  size_t Len = 0, Cap = 0;
  append(&Buf, &Len, &Cap, "", 0);
  for (uint32_t I = 0; I < A->Len; I++) {
    if (I)
      append(&Buf, &Len, &Cap, Sep->Chars, Sep->Len);
    valueToText(A->Items[I], &Buf, &Len, &Cap, 0);
  }
  String *R = strCopy(V, Buf, Len);
  free(Buf);
  return objV(R);
}

static Value bUpper(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  String *S = argStr(V, Args, 0, "upper");
  char *Buf = malloc(S->Len + 1);
  if (!Buf)
    abort();
  for (uint32_t I = 0; I < S->Len; I++) {
    char C = S->Chars[I];
    Buf[I] = C >= 'a' && C <= 'z' ? (char)(C - 32) : C;
  }
  String *R = strCopy(V, Buf, S->Len);
  free(Buf);
  return objV(R);
}

static Value bRepeat(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  String *S = argStr(V, Args, 0, "repeat");
  int64_t N = argInt(V, Args, 1, "repeat");
  if (N < 0 || (uint64_t)N * S->Len > (1u << 24))
    vmError(V, "repeat: bad count");
  size_t Len = (size_t)N * S->Len;
  char *Buf = malloc(Len + 1);
  if (!Buf)
    abort();
  for (int64_t I = 0; I < N; I++)
    memcpy(Buf + (size_t)I * S->Len, S->Chars, S->Len);
  String *R = strCopy(V, Buf, Len);
  free(Buf);
  return objV(R);
}

static Value bHash(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  (void)V;
  return intV(hashValue(Args[0]));
}

// ---- Arrays and maps -----------------------------------------------------

static Value bPush(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  arrPush(V, argArr(V, Args, 0, "push"), Args[1]);
  return Args[0];
}

static Value bPop(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  Array *A = argArr(V, Args, 0, "pop");
  if (!A->Len)
    vmError(V, "pop from an empty array");
  return A->Items[--A->Len];
}

static Value bArray(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  int64_t N = argInt(V, Args, 0, "array");
  if (N < 0 || N > (1 << 24))
    vmError(V, "array: bad size");
  Array *A = arrNew(V, (uint32_t)N);
  for (int64_t I = 0; I < N; I++)
    A->Items[I] = Args[1];
  A->Len = (uint32_t)N;
  return objV(A);
}

static Value bSlice(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  Array *A = argArr(V, Args, 0, "slice");
  int64_t From = argInt(V, Args, 1, "slice"), To = argInt(V, Args, 2, "slice");
  if (From < 0)
    From = 0;
  if (To > A->Len)
    To = A->Len;
  if (To < From)
    To = From;
  Array *R = arrNew(V, (uint32_t)(To - From));
  A = AS_ARR(Args[0]); // still rooted on the VM stack
  if (To > From)
    memcpy(R->Items, A->Items + From, sizeof(Value) * (size_t)(To - From));
  R->Len = (uint32_t)(To - From);
  return objV(R);
}

static Value bKeys(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  Map *M = argMap(V, Args, 0, "keys");
  Array *R = arrNew(V, M->Count);
  for (uint32_t I = 0; I < M->Used; I++)
    if (M->Entries[I].Live)
      R->Items[R->Len++] = M->Entries[I].Key;
  return objV(R);
}

static Value bHas(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  Value Out;
  return boolV(mapGet(argMap(V, Args, 0, "has"), Args[1], &Out));
}

static Value bRemove(Vm *V, int Argc, Value *Args) {
  (void)Argc;
  return boolV(mapDelete(argMap(V, Args, 0, "remove"), Args[1]));
}

// ---- Sorting -------------------------------------------------------------

typedef struct {
  Vm *V;
  Value Cmp;
} SortCtx;

// a before b? With no comparator: numbers and strings ascending.
static int before(SortCtx *S, Value A, Value B) {
  if (S->Cmp.Kind == VNil) {
    if (A.Kind == VInt && B.Kind == VInt)
      return A.As.I < B.As.I;
    if (isObj(A, OString) && isObj(B, OString)) {
      String *X = AS_STR(A), *Y = AS_STR(B);
      uint32_t N = X->Len < Y->Len ? X->Len : Y->Len;
      int R = memcmp(X->Chars, Y->Chars, N);
      return R < 0 || (R == 0 && X->Len < Y->Len);
    }
    double X = argNum(S->V, &A, 0, "sort"), Y = argNum(S->V, &B, 0, "sort");
    return X < Y;
  }
  Value Args[2] = {A, B};
  return truthy(vmCall(S->V, S->Cmp, 2, Args));
}

// Stable bottom-up merge sort; Tmp is a rooted array of the same length.
static void mergeSort(SortCtx *S, Array *A, Array *Tmp) {
  uint32_t N = A->Len;
  Value *Src = A->Items, *Dst = Tmp->Items;
  for (uint32_t Width = 1; Width < N; Width *= 2) {
    for (uint32_t Lo = 0; Lo < N; Lo += 2 * Width) {
      uint32_t Mid = Lo + Width < N ? Lo + Width : N;
      uint32_t Hi = Lo + 2 * Width < N ? Lo + 2 * Width : N;
      uint32_t I = Lo, J = Mid, K = Lo;
      while (I < Mid && J < Hi)
        Dst[K++] = before(S, Src[J], Src[I]) ? Src[J++] : Src[I++];
      while (I < Mid)
        Dst[K++] = Src[I++];
      while (J < Hi)
        Dst[K++] = Src[J++];
    }
    Value *T = Src;
    Src = Dst;
    Dst = T;
  }
  if (Src != A->Items)
    memcpy(A->Items, Src, sizeof(Value) * N);
}

static Value bSort(Vm *V, int Argc, Value *Args) {
  Array *A = argArr(V, Args, 0, "sort");
  SortCtx S = {V, Argc > 1 ? Args[1] : NIL};
  Value Tmp = objV(arrNew(V, A->Len));
  pushRoot(V, &Tmp);
  AS_ARR(Tmp)->Len = A->Len; // its items are copies of A's, all rooted
  if (A->Len)
    memcpy(AS_ARR(Tmp)->Items, A->Items, sizeof(Value) * A->Len);
  mergeSort(&S, A, AS_ARR(Tmp));
  popRoot(V);
  return Args[0];
}

void installBuiltins(Vm *V) {
  static const struct {
    const char *Name;
    int Arity;
    NativeFn Fn;
  } Table[] = {
      {"print", -1, bPrint},  {"len", 1, bLen},       {"str", 1, bStr},
      {"int", 1, bInt},       {"float", 1, bFloat},   {"sqrt", 1, bSqrt},
      {"floor", 1, bFloor},   {"abs", 1, bAbs},       {"min", -1, bMin},
      {"max", -1, bMax},      {"type", 1, bType},     {"chr", 1, bChr},
      {"ord", -1, bOrd},      {"substr", 3, bSubstr}, {"find", 2, bFind},
      {"split", 2, bSplit},   {"join", 2, bJoin},     {"upper", 1, bUpper},
      {"repeat", 2, bRepeat}, {"hash", 1, bHash},     {"push", 2, bPush},
      {"pop", 1, bPop},       {"array", 2, bArray},   {"slice", 3, bSlice},
      {"keys", 1, bKeys},     {"has", 2, bHas},       {"remove", 2, bRemove},
      {"sort", -1, bSort},
  };
  for (size_t I = 0; I < sizeof Table / sizeof Table[0]; I++)
    defineNative(V, Table[I].Name, Table[I].Arity, Table[I].Fn);
}
