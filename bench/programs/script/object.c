// Heap objects and the garbage collector: strings (interned), arrays,
// insertion-ordered hash maps, function prototypes, closures, upvalues;
// mark-sweep collection with an explicit gray stack.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"

// ---- Allocation ----------------------------------------------------------

void *gcRealloc(Vm *V, void *P, size_t Old, size_t New) {
  V->BytesAllocated += New;
  V->BytesAllocated -= Old;
#ifdef SCRIPT_GC_STRESS // collect at every allocation: finds missing roots
  V->NextGc = 0;
#endif
  if (New > Old && V->BytesAllocated > V->NextGc && !V->GcPaused)
    gcCollect(V);
  if (New == 0) {
    free(P);
    return NULL;
  }
  void *R = realloc(P, New);
  if (!R) {
    fprintf(stderr, "out of memory\n");
    exit(3);
  }
  return R;
}

void *gcAlloc(Vm *V, ObjKind K, size_t Size) {
  Obj *O = gcRealloc(V, NULL, 0, Size);
  memset(O, 0, Size);
  O->Kind = K;
  O->Serial = ++V->NextSerial;
  O->Next = V->Objects;
  V->Objects = O;
  return O;
}

static size_t objSize(Obj *O) {
  switch (O->Kind) {
  case OString:
    return sizeof(String) + ((String *)O)->Len + 1;
  case OArray:
    return sizeof(Array);
  case OMap:
    return sizeof(Map);
  case OProto:
    return sizeof(Proto);
  case OClosure:
    return sizeof(Closure) +
           sizeof(Upvalue *) * (size_t)((Closure *)O)->NumUpvals;
  case OUpvalue:
    return sizeof(Upvalue);
  case ONative:
    return sizeof(Native);
  }
  return 0;
}

static void freeObj(Vm *V, Obj *O) {
  switch (O->Kind) {
  case OArray: {
    Array *A = (Array *)O;
    gcRealloc(V, A->Items, sizeof(Value) * A->Cap, 0);
    break;
  }
  case OMap: {
    Map *M = (Map *)O;
    gcRealloc(V, M->Entries, sizeof(MapEntry) * M->Cap, 0);
    gcRealloc(V, M->Index, sizeof(uint32_t) * M->IndexCap, 0);
    break;
  }
  case OProto: {
    Proto *P = (Proto *)O;
    gcRealloc(V, P->Code, P->CodeCap, 0);
    gcRealloc(V, P->Lines, sizeof(int) * P->CodeCap, 0);
    gcRealloc(V, P->Consts, sizeof(Value) * P->ConstCap, 0);
    gcRealloc(V, P->Upvals, sizeof(UpvalDesc) * (size_t)P->NumUpvals, 0);
    break;
  }
  default:
    break;
  }
  gcRealloc(V, O, objSize(O), 0);
}

// ---- Strings -------------------------------------------------------------

uint32_t hashBytes(const char *S, size_t Len) {
  uint32_t H = 2166136261u;
  for (size_t I = 0; I < Len; I++) {
    H ^= (uint8_t)S[I];
    H *= 16777619u;
  }
  return H;
}

static void internGrow(Vm *V) {
  uint32_t NewCap = V->StringCap ? V->StringCap * 2 : 256;
  String **New = calloc(NewCap, sizeof(String *));
  if (!New)
    abort();
  for (uint32_t I = 0; I < V->StringCap; I++) {
    String *S = V->Strings[I];
    if (!S)
      continue;
    uint32_t J = S->Hash & (NewCap - 1);
    while (New[J])
      J = (J + 1) & (NewCap - 1);
    New[J] = S;
  }
  free(V->Strings);
  V->Strings = New;
  V->StringCap = NewCap;
}

static String *internFind(Vm *V, const char *S, size_t Len, uint32_t H) {
  if (!V->StringCap)
    return NULL;
  uint32_t J = H & (V->StringCap - 1);
  for (String *C; (C = V->Strings[J]); J = (J + 1) & (V->StringCap - 1))
    if (C->Hash == H && C->Len == Len && memcmp(C->Chars, S, Len) == 0)
      return C;
  return NULL;
}

static void internAdd(Vm *V, String *S) {
  if ((V->StringCount + 1) * 4 > V->StringCap * 3)
    internGrow(V);
  uint32_t J = S->Hash & (V->StringCap - 1);
  while (V->Strings[J])
    J = (J + 1) & (V->StringCap - 1);
  V->Strings[J] = S;
  V->StringCount++;
}

String *strCopy(Vm *V, const char *S, size_t Len) {
  uint32_t H = hashBytes(S, Len);
  String *Found = internFind(V, S, Len, H);
  if (Found)
    return Found;
  String *Str = gcAlloc(V, OString, sizeof(String) + Len + 1);
  Str->Len = (uint32_t)Len;
  Str->Hash = H;
  memcpy(Str->Chars, S, Len);
  Str->Chars[Len] = 0;
  internAdd(V, Str);
  return Str;
}

String *strConcat(Vm *V, String *A, String *B) {
  size_t Len = (size_t)A->Len + B->Len;
  char Small[256];
  char *Buf = Len <= sizeof Small ? Small : malloc(Len);
  if (!Buf)
    abort();
  memcpy(Buf, A->Chars, A->Len);
  memcpy(Buf + A->Len, B->Chars, B->Len);
  String *R = strCopy(V, Buf, Len);
  if (Buf != Small)
    free(Buf);
  return R;
}

// Drops interned strings that are about to be swept; rebuilds the table
// since open addressing cannot simply delete.
static void internSweep(Vm *V) {
  String **Old = V->Strings;
  uint32_t OldCap = V->StringCap;
  V->Strings = calloc(OldCap ? OldCap : 1, sizeof(String *));
  if (!V->Strings)
    abort();
  V->StringCount = 0;
  for (uint32_t I = 0; I < OldCap; I++)
    if (Old[I] && Old[I]->Base.Marked)
      internAdd(V, Old[I]);
  free(Old);
}

// ---- Arrays --------------------------------------------------------------

Array *arrNew(Vm *V, uint32_t Cap) {
  Array *A = gcAlloc(V, OArray, sizeof(Array));
  if (Cap) {
    Value Tmp = objV(A);
    pushRoot(V, &Tmp);
    A->Items = gcRealloc(V, NULL, 0, sizeof(Value) * Cap);
    A->Cap = Cap;
    popRoot(V);
  }
  return A;
}

void arrPush(Vm *V, Array *A, Value X) {
  if (A->Len == A->Cap) {
    uint32_t NewCap = A->Cap ? A->Cap * 2 : 8;
    Value Tmp[2] = {objV(A), X};
    pushRoot(V, &Tmp[0]);
    pushRoot(V, &Tmp[1]);
    A->Items =
        gcRealloc(V, A->Items, sizeof(Value) * A->Cap, sizeof(Value) * NewCap);
    A->Cap = NewCap;
    popRoot(V);
    popRoot(V);
  }
  A->Items[A->Len++] = X;
}

// ---- Values --------------------------------------------------------------

int valuesEqual(Value A, Value B) {
  if (A.Kind == VInt && B.Kind == VFloat)
    return (double)A.As.I == B.As.F;
  if (A.Kind == VFloat && B.Kind == VInt)
    return A.As.F == (double)B.As.I;
  if (A.Kind != B.Kind)
    return 0;
  switch (A.Kind) {
  case VNil:
    return 1;
  case VBool:
    return A.As.B == B.As.B;
  case VInt:
    return A.As.I == B.As.I;
  case VFloat:
    return A.As.F == B.As.F;
  case VObj:
    return A.As.O == B.As.O; // strings are interned
  }
  return 0;
}

static uint32_t mix64(uint64_t X) {
  X ^= X >> 33;
  X *= 0xff51afd7ed558ccdULL;
  X ^= X >> 33;
  return (uint32_t)X;
}

uint32_t hashValue(Value V) {
  switch (V.Kind) {
  case VNil:
    return 7;
  case VBool:
    return V.As.B ? 11 : 13;
  case VInt:
    return mix64((uint64_t)V.As.I);
  case VFloat: {
    // floats equal to an int hash like that int
    double F = V.As.F;
    if (F >= -9.2e18 && F <= 9.2e18 && (double)(int64_t)F == F)
      return mix64((uint64_t)(int64_t)F);
    uint64_t Bits;
    memcpy(&Bits, &F, 8);
    return mix64(Bits);
  }
  case VObj:
    if (V.As.O->Kind == OString)
      return ((String *)V.As.O)->Hash;
    return mix64(V.As.O->Serial);
  }
  return 0;
}

int truthy(Value V) {
  return !(V.Kind == VNil || (V.Kind == VBool && !V.As.B));
}

const char *typeName(Value V) {
  static const char *const Names[] = {"string",  "array",   "map",   "proto",
                                      "closure", "upvalue", "native"};
  switch (V.Kind) {
  case VNil:
    return "nil";
  case VBool:
    return "bool";
  case VInt:
    return "int";
  case VFloat:
    return "float";
  case VObj:
    return Names[V.As.O->Kind];
  }
  return "?";
}

// ---- Maps ----------------------------------------------------------------

static int32_t mapFind(Map *M, Value Key, uint32_t H) {
  if (!M->IndexCap)
    return -1;
  uint32_t Mask = M->IndexCap - 1;
  for (uint32_t J = H & Mask;; J = (J + 1) & Mask) {
    uint32_t E = M->Index[J];
    if (!E)
      return -1;
    MapEntry *Ent = &M->Entries[E - 1];
    if (Ent->Live && Ent->Hash == H && valuesEqual(Ent->Key, Key))
      return (int32_t)(E - 1);
  }
}

Map *mapNew(Vm *V) { return gcAlloc(V, OMap, sizeof(Map)); }

int mapGet(Map *M, Value Key, Value *Out) {
  int32_t E = mapFind(M, Key, hashValue(Key));
  if (E < 0)
    return 0;
  *Out = M->Entries[E].Val;
  return 1;
}

// Compacts the live entries and rebuilds the index at a size for Need
// entries.
static void mapRehash(Vm *V, Map *M, uint32_t Need) {
  uint32_t NewCap = 8;
  while (NewCap < Need * 2)
    NewCap *= 2;
  uint32_t NewIndexCap = NewCap * 2;
  MapEntry *Entries = gcRealloc(V, NULL, 0, sizeof(MapEntry) * NewCap);
  uint32_t *Index = gcRealloc(V, NULL, 0, sizeof(uint32_t) * NewIndexCap);
  memset(Index, 0, sizeof(uint32_t) * NewIndexCap);
  uint32_t N = 0;
  for (uint32_t I = 0; I < M->Used; I++) {
    if (!M->Entries[I].Live)
      continue;
    Entries[N] = M->Entries[I];
    uint32_t J = Entries[N].Hash & (NewIndexCap - 1);
    while (Index[J])
      J = (J + 1) & (NewIndexCap - 1);
    Index[J] = ++N;
  }
  gcRealloc(V, M->Entries, sizeof(MapEntry) * M->Cap, 0);
  gcRealloc(V, M->Index, sizeof(uint32_t) * M->IndexCap, 0);
  M->Entries = Entries;
  M->Index = Index;
  M->Cap = NewCap;
  M->IndexCap = NewIndexCap;
  M->Used = N;
  M->Count = N;
}

void mapSet(Vm *V, Map *M, Value Key, Value Val) {
  uint32_t H = hashValue(Key);
  int32_t E = mapFind(M, Key, H);
  if (E >= 0) {
    M->Entries[E].Val = Val;
    return;
  }
  if (M->Used == M->Cap) {
    Value Tmp[3] = {objV(M), Key, Val};
    for (int I = 0; I < 3; I++)
      pushRoot(V, &Tmp[I]);
    mapRehash(V, M, M->Count + 1);
    for (int I = 0; I < 3; I++)
      popRoot(V);
  }
  MapEntry *Ent = &M->Entries[M->Used++];
  Ent->Key = Key;
  Ent->Val = Val;
  Ent->Hash = H;
  Ent->Live = 1;
  M->Count++;
  uint32_t Mask = M->IndexCap - 1;
  uint32_t J = H & Mask;
  while (M->Index[J])
    J = (J + 1) & Mask;
  M->Index[J] = M->Used;
}

int mapDelete(Map *M, Value Key) {
  int32_t E = mapFind(M, Key, hashValue(Key));
  if (E < 0)
    return 0;
  M->Entries[E].Live = 0; // its index slot stays, as a tombstone
  M->Entries[E].Key = NIL;
  M->Entries[E].Val = NIL;
  M->Count--;
  return 1;
}

// ---- Functions -----------------------------------------------------------

Proto *protoNew(Vm *V) { return gcAlloc(V, OProto, sizeof(Proto)); }

Closure *closureNew(Vm *V, Proto *P) {
  Closure *C = gcAlloc(
      V, OClosure, sizeof(Closure) + sizeof(Upvalue *) * (size_t)P->NumUpvals);
  C->P = P;
  C->NumUpvals = P->NumUpvals;
  return C;
}

Upvalue *upvalNew(Vm *V, Value *Slot) {
  Upvalue *U = gcAlloc(V, OUpvalue, sizeof(Upvalue));
  U->Loc = Slot;
  U->Closed = NIL;
  return U;
}

// ---- Collector -----------------------------------------------------------

static void markObj(Vm *V, Obj *O) {
  if (!O || O->Marked)
    return;
  O->Marked = 1;
  if (V->GrayLen == V->GrayCap) {
    V->GrayCap = V->GrayCap ? V->GrayCap * 2 : 256;
    V->Gray = realloc(V->Gray, sizeof(Obj *) * (size_t)V->GrayCap);
    if (!V->Gray)
      abort();
  }
  V->Gray[V->GrayLen++] = O;
}

static void markValue(Vm *V, Value X) {
  if (X.Kind == VObj)
    markObj(V, X.As.O);
}

static void blacken(Vm *V, Obj *O) {
  switch (O->Kind) {
  case OArray: {
    Array *A = (Array *)O;
    for (uint32_t I = 0; I < A->Len; I++)
      markValue(V, A->Items[I]);
    break;
  }
  case OMap: {
    Map *M = (Map *)O;
    for (uint32_t I = 0; I < M->Used; I++)
      if (M->Entries[I].Live) {
        markValue(V, M->Entries[I].Key);
        markValue(V, M->Entries[I].Val);
      }
    break;
  }
  case OProto: {
    Proto *P = (Proto *)O;
    markObj(V, &P->Name->Base);
    for (uint32_t I = 0; I < P->NumConsts; I++)
      markValue(V, P->Consts[I]);
    break;
  }
  case OClosure: {
    Closure *C = (Closure *)O;
    markObj(V, &C->P->Base);
    for (int I = 0; I < C->NumUpvals; I++)
      markObj(V, (Obj *)C->Upvals[I]);
    break;
  }
  case OUpvalue:
    markValue(V, ((Upvalue *)O)->Closed);
    break;
  default:
    break;
  }
}

static void markRoots(Vm *V) {
  for (Value *S = V->Stack; S < V->Sp; S++)
    markValue(V, *S);
  for (int I = 0; I < V->NumFrames; I++)
    markObj(V, &V->Frames[I].C->Base);
  for (Upvalue *U = V->OpenUpvals; U; U = U->NextOpen)
    markObj(V, &U->Base);
  for (int I = 0; I < V->NumGlobals; I++) {
    markObj(V, &V->GlobalNames[I]->Base);
    markValue(V, V->Globals[I]);
  }
  markObj(V, &V->GlobalIndex->Base);
  markObj(V, &V->InitString->Base);
  for (int I = 0; I < V->NumExtraRoots; I++)
    markValue(V, *V->ExtraRoots[I]);
}

void gcCollect(Vm *V) {
  if (V->GcPaused)
    return;
  V->GcPaused = 1; // the sweep itself calls gcRealloc
  markRoots(V);
  while (V->GrayLen > 0)
    blacken(V, V->Gray[--V->GrayLen]);
  internSweep(V);
  Obj **Link = &V->Objects;
  while (*Link) {
    Obj *O = *Link;
    if (O->Marked) {
      O->Marked = 0;
      Link = &O->Next;
    } else {
      *Link = O->Next;
      freeObj(V, O);
    }
  }
  V->Collections++;
  V->NextGc =
      V->BytesAllocated * 2 > (1u << 20) ? V->BytesAllocated * 2 : (1u << 20);
  V->GcPaused = 0;
}

void pushRoot(Vm *V, Value *Slot) {
  if (V->NumExtraRoots == 16) {
    fprintf(stderr, "too many temporary roots\n");
    exit(3);
  }
  V->ExtraRoots[V->NumExtraRoots++] = Slot;
}

void popRoot(Vm *V) { V->NumExtraRoots--; }
