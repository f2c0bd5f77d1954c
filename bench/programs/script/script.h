// "script": the suite's larger program, a small dynamically typed scripting
// language (lexer, Pratt parser to an AST, bytecode compiler with constant
// folding and closures, stack VM, mark-sweep garbage collector, builtins) and
// a set of programs written in it. This header is shared by all its files.
//
// Everything is deterministic on every target: hashing uses string contents
// and per-object serial numbers (never addresses), maps iterate in insertion
// order, and the only libm function used is sqrt (correctly rounded
// everywhere), so native and wasm builds print the same checksum.
#ifndef SCRIPT_H
#define SCRIPT_H

#include <stddef.h>
#include <stdint.h>

// ---- Values --------------------------------------------------------------

typedef enum { VNil, VBool, VInt, VFloat, VObj } ValueKind;

typedef struct Obj Obj;

typedef struct {
  ValueKind Kind;
  union {
    int B;
    int64_t I;
    double F;
    Obj *O;
  } As;
} Value;

typedef enum {
  OString,
  OArray,
  OMap,
  OProto,
  OClosure,
  OUpvalue,
  ONative
} ObjKind;

struct Obj {
  ObjKind Kind;
  uint8_t Marked;
  uint32_t Serial; // stable identity for hashing (never an address)
  Obj *Next;       // all objects, for the sweep
};

typedef struct {
  Obj Base;
  uint32_t Len;
  uint32_t Hash;
  char Chars[]; // NUL-terminated
} String;

typedef struct {
  Obj Base;
  uint32_t Len, Cap;
  Value *Items;
} Array;

typedef struct {
  Value Key, Val;
  uint32_t Hash;
  uint8_t Live;
} MapEntry;

// Insertion-ordered hash map: Entries in order, Index an open-addressing
// table of entry positions (+1; 0 is empty, deleted entries stay as dead
// slots until the next rehash).
typedef struct {
  Obj Base;
  uint32_t Count, Used, Cap; // live entries, used entries, entry capacity
  uint32_t IndexCap;         // power of two
  MapEntry *Entries;
  uint32_t *Index;
} Map;

typedef struct {
  uint8_t IsLocal;
  uint16_t Index;
} UpvalDesc;

typedef struct {
  Obj Base;
  String *Name;
  int Arity;
  int NumUpvals;
  int MaxSlots;
  uint8_t *Code;
  int *Lines;
  uint32_t CodeLen, CodeCap;
  Value *Consts;
  uint32_t NumConsts, ConstCap;
  UpvalDesc *Upvals;
} Proto;

typedef struct Upvalue {
  Obj Base;
  Value *Loc;
  Value Closed;
  struct Upvalue *NextOpen;
} Upvalue;

typedef struct {
  Obj Base;
  Proto *P;
  int NumUpvals;
  Upvalue *Upvals[];
} Closure;

struct Vm;
typedef Value (*NativeFn)(struct Vm *V, int Argc, Value *Args);

typedef struct {
  Obj Base;
  const char *Name;
  int Arity; // -1: any
  NativeFn Fn;
} Native;

#define NIL ((Value){VNil, {.I = 0}})
static inline Value boolV(int B) {
  Value V = {VBool, {.I = 0}};
  V.As.B = B != 0;
  return V;
}
static inline Value intV(int64_t I) {
  Value V = {VInt, {.I = I}};
  return V;
}
static inline Value floatV(double F) {
  Value V = {VFloat, {.I = 0}};
  V.As.F = F;
  return V;
}
static inline Value objV(void *O) {
  Value V = {VObj, {.I = 0}};
  V.As.O = (Obj *)O;
  return V;
}
static inline int isObj(Value V, ObjKind K) {
  return V.Kind == VObj && V.As.O->Kind == K;
}
#define AS_STR(V) ((String *)(V).As.O)
#define AS_ARR(V) ((Array *)(V).As.O)
#define AS_MAP(V) ((Map *)(V).As.O)

// ---- Lexer ---------------------------------------------------------------

typedef enum {
  TEof,
  TIdent,
  TInt,
  TFloat,
  TString,
  // punctuation
  TLParen,
  TRParen,
  TLBrace,
  TRBrace,
  TLBracket,
  TRBracket,
  TComma,
  TDot,
  TDotDot,
  TSemi,
  TColon,
  TPlus,
  TMinus,
  TStar,
  TSlash,
  TPercent,
  TAmp,
  TPipe,
  TCaret,
  TShl,
  TShr,
  TBang,
  TAssign,
  TEq,
  TNe,
  TLt,
  TLe,
  TGt,
  TGe,
  TPlusAssign,
  TMinusAssign,
  TStarAssign,
  // keywords
  TLet,
  TFn,
  TIf,
  TElse,
  TWhile,
  TFor,
  TIn,
  TReturn,
  TBreak,
  TContinue,
  TTrue,
  TFalse,
  TNilKw,
  TAnd,
  TOr,
  TNot,
  NumTokens
} TokenKind;

typedef struct {
  TokenKind Kind;
  const char *Start;
  int Len;
  int Line;
  int64_t IntVal;
  double FloatVal;
} Token;

typedef struct {
  const char *Src, *Cur;
  int Line;
} Lexer;

void lexInit(Lexer *L, const char *Src);
Token lexNext(Lexer *L);
const char *tokenName(TokenKind K);

// ---- AST -----------------------------------------------------------------

typedef enum {
  // expressions
  ENil,
  ETrue,
  EFalse,
  EInt,
  EFloat,
  EStr,
  EName,
  EUnary,
  EBinary,
  EAnd,
  EOr,
  ECall,
  EIndex,
  EArray,
  EMap,
  EFunc,
  EAssign, // target = value; target is EName or EIndex
  // statements
  SExpr,
  SLet,
  SBlock,
  SIf,
  SWhile,
  SForRange,
  SForIn,
  SReturn,
  SBreak,
  SContinue,
  SFunc // named function declaration
} NodeKind;

typedef struct Node Node;
typedef struct {
  Node **Items;
  int Len, Cap;
} NodeList;

struct Node {
  NodeKind Kind;
  int Line;
  TokenKind Op;    // EUnary/EBinary/EAssign (TAssign or compound)
  const char *Str; // names and string literals (arena, NUL-terminated)
  int StrLen;
  int64_t I;
  double F;
  Node *A, *B, *C, *D; // children, meaning depends on Kind
  NodeList List;       // block statements, call args, array items, map k/v
  NodeList Params;     // EFunc/SFunc parameters (EName nodes)
};

typedef struct Arena Arena;
Arena *arenaNew(void);
void *arenaAlloc(Arena *A, size_t Size);
void arenaFree(Arena *A);

// Parses a whole program into a block node, or prints an error and returns
// NULL.
Node *parseProgram(Arena *A, const char *Src, const char *Name);
void listPush(Arena *A, NodeList *L, Node *N);

// ---- Compiler ------------------------------------------------------------

typedef enum {
#define OP(Name, Operands) Op##Name,
#include "ops.def"
#undef OP
  NumOps
} OpCode;

struct Vm;
// Compiles a parsed program into a top-level function prototype.
Proto *compileProgram(struct Vm *V, Node *Program, const char *Name);
// Folds constant sub-expressions of an AST in place (the compiler's
// optimisation pass); returns the number of nodes folded.
int foldConstants(Node *N);
int disassembleCount(Proto *P); // instructions in P and nested protos

// ---- VM and objects ------------------------------------------------------

#define MAX_FRAMES 256
#define STACK_SIZE (MAX_FRAMES * 64)

typedef struct {
  Closure *C;
  uint8_t *Ip;
  Value *Base;
} Frame;

typedef struct Vm {
  Value Stack[STACK_SIZE];
  Value *Sp;
  Frame Frames[MAX_FRAMES];
  int NumFrames;
  Upvalue *OpenUpvals;
  // globals: names (interned) and values, indexed by slot
  String **GlobalNames;
  Value *Globals;
  uint8_t *GlobalDefined;
  int NumGlobals, GlobalCap;
  Map *GlobalIndex; // name -> slot
  // interned strings: open addressing by content hash
  String **Strings;
  uint32_t StringCount, StringCap;
  // heap
  Obj *Objects;
  size_t BytesAllocated, NextGc;
  uint32_t NextSerial;
  int GcPaused;
  Obj **Gray;
  int GrayLen, GrayCap;
  Value *ExtraRoots[16];
  int NumExtraRoots;
  // statistics and output
  uint64_t Collections, Instructions;
  uint64_t OutHash;
  uint64_t OutBytes;
  int Echo; // also write output to stdout
  String *InitString;
} Vm;

void vmInit(Vm *V);
void vmFree(Vm *V);
// Runs a compiled top-level prototype; returns 0 on success.
int vmRun(Vm *V, Proto *P);
// Calls a callable value with arguments from inside a native.
Value vmCall(Vm *V, Value Callee, int Argc, Value *Args);
void vmError(Vm *V, const char *Fmt, ...);
int globalSlot(Vm *V, String *Name); // finds or creates a global's slot
void defineNative(Vm *V, const char *Name, int Arity, NativeFn Fn);
void installBuiltins(Vm *V);
void output(Vm *V, const char *S, size_t Len);

void *gcAlloc(Vm *V, ObjKind K, size_t Size);
void *gcRealloc(Vm *V, void *P, size_t Old, size_t New);
void gcCollect(Vm *V);
void pushRoot(Vm *V, Value *Slot);
void popRoot(Vm *V);

String *strCopy(Vm *V, const char *S, size_t Len);
String *strConcat(Vm *V, String *A, String *B);
uint32_t hashBytes(const char *S, size_t Len);
Array *arrNew(Vm *V, uint32_t Cap);
void arrPush(Vm *V, Array *A, Value X);
Map *mapNew(Vm *V);
int mapGet(Map *M, Value Key, Value *Out);
void mapSet(Vm *V, Map *M, Value Key, Value Val);
int mapDelete(Map *M, Value Key);
Proto *protoNew(Vm *V);
Closure *closureNew(Vm *V, Proto *P);
Upvalue *upvalNew(Vm *V, Value *Slot);

int valuesEqual(Value A, Value B);
uint32_t hashValue(Value V);
int truthy(Value V);
const char *typeName(Value V);
// Appends a printable form of V to Buf (grown with realloc).
void valueToText(Value V, char **Buf, size_t *Len, size_t *Cap, int Quote);
String *valueToString(Vm *V, Value X);

// ---- The programs --------------------------------------------------------

typedef struct {
  const char *Name;
  const char *Source;
} ScriptSource;
extern const ScriptSource Scripts[];
extern const int NumScripts;

#endif
