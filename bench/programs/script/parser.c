// Parser: a recursive-descent statement parser with a Pratt (precedence
// climbing) expression parser, building AST nodes in an arena.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"

// ---- Arena ---------------------------------------------------------------

typedef struct Chunk {
  struct Chunk *Prev;
  size_t Used, Size;
  unsigned char Data[];
} Chunk;

struct Arena {
  Chunk *Top;
  size_t Total;
};

Arena *arenaNew(void) {
  Arena *A = calloc(1, sizeof(Arena));
  if (!A)
    abort();
  return A;
}

void *arenaAlloc(Arena *A, size_t Size) {
  Size = (Size + 15) & ~(size_t)15;
  if (!A->Top || A->Top->Used + Size > A->Top->Size) {
    size_t ChunkSize = Size > 65536 ? Size : 65536;
    Chunk *C = malloc(sizeof(Chunk) + ChunkSize);
    if (!C)
      abort();
    C->Prev = A->Top;
    C->Used = 0;
    C->Size = ChunkSize;
    A->Top = C;
  }
  void *P = A->Top->Data + A->Top->Used;
  A->Top->Used += Size;
  A->Total += Size;
  memset(P, 0, Size);
  return P;
}

void arenaFree(Arena *A) {
  while (A->Top) {
    Chunk *Prev = A->Top->Prev;
    free(A->Top);
    A->Top = Prev;
  }
  free(A);
}

void listPush(Arena *A, NodeList *L, Node *N) {
  if (L->Len == L->Cap) {
    int NewCap = L->Cap ? L->Cap * 2 : 4;
    Node **Items = arenaAlloc(A, sizeof(Node *) * (size_t)NewCap);
    if (L->Len)
      memcpy(Items, L->Items, sizeof(Node *) * (size_t)L->Len);
    L->Items = Items;
    L->Cap = NewCap;
  }
  L->Items[L->Len++] = N;
}

// ---- Parser state --------------------------------------------------------

typedef struct {
  Arena *A;
  Lexer L;
  Token Cur, Prev;
  const char *Name;
  int Failed;
} Parser;

static void errorAt(Parser *P, Token *T, const char *Fmt, ...) {
  if (P->Failed)
    return;
  P->Failed = 1;
  fprintf(stderr, "%s:%d: parse error", P->Name, T->Line);
  if (T->Kind == TEof && T->Len == 0)
    fprintf(stderr, " at end");
  else if (T->Len > 0)
    fprintf(stderr, " at '%.*s'", T->Len, T->Start);
  fprintf(stderr, ": ");
  va_list Ap;
  va_start(Ap, Fmt);
  vfprintf(stderr, Fmt, Ap);
  va_end(Ap);
  fprintf(stderr, "\n");
}

static void advance(Parser *P) {
  P->Prev = P->Cur;
  P->Cur = lexNext(&P->L);
  if (P->Cur.Kind == TEof && P->Cur.Len == -2)
    errorAt(P, &P->Cur, "unexpected character '%c'", *P->Cur.Start);
  if (P->Cur.Kind == TString && P->Cur.Len == -1)
    errorAt(P, &P->Cur, "unterminated string");
}

static int check(Parser *P, TokenKind K) { return P->Cur.Kind == K; }

static int accept(Parser *P, TokenKind K) {
  if (!check(P, K))
    return 0;
  advance(P);
  return 1;
}

static void expect(Parser *P, TokenKind K, const char *What) {
  if (!accept(P, K))
    errorAt(P, &P->Cur, "expected %s %s", tokenName(K), What);
}

static Node *node(Parser *P, NodeKind K, int Line) {
  Node *N = arenaAlloc(P->A, sizeof(Node));
  N->Kind = K;
  N->Line = Line;
  return N;
}

static char *copyName(Parser *P, Token *T) {
  char *S = arenaAlloc(P->A, (size_t)T->Len + 1);
  memcpy(S, T->Start, (size_t)T->Len);
  return S;
}

static int hexValue(char C) {
  if (C >= '0' && C <= '9')
    return C - '0';
  if (C >= 'a' && C <= 'f')
    return C - 'a' + 10;
  if (C >= 'A' && C <= 'F')
    return C - 'A' + 10;
  return -1;
}

// Decodes the escapes of a string literal token into the arena.
static Node *stringLiteral(Parser *P, Token *T) {
  Node *N = node(P, EStr, T->Line);
  char *Out = arenaAlloc(P->A, (size_t)T->Len);
  int Len = 0;
  for (int I = 1; I < T->Len - 1; I++) {
    char C = T->Start[I];
    if (C != '\\') {
      Out[Len++] = C;
      continue;
    }
    char E = T->Start[++I];
    switch (E) {
    case 'n':
      Out[Len++] = '\n';
      break;
    case 't':
      Out[Len++] = '\t';
      break;
    case '0':
      Out[Len++] = '\0';
      break;
    case 'x': {
      int Hi = hexValue(T->Start[I + 1]), Lo = hexValue(T->Start[I + 2]);
      if (Hi < 0 || Lo < 0 || I + 2 >= T->Len - 1) {
        errorAt(P, T, "bad \\x escape");
        break;
      }
      Out[Len++] = (char)(Hi * 16 + Lo);
      I += 2;
      break;
    }
    default:
      Out[Len++] = E;
      break;
    }
  }
  N->Str = Out;
  N->StrLen = Len;
  return N;
}

// ---- Expressions ---------------------------------------------------------

typedef enum {
  PrecNone,
  PrecAssign,
  PrecOr,
  PrecAnd,
  PrecEquality,
  PrecCompare,
  PrecBitOr,
  PrecBitXor,
  PrecBitAnd,
  PrecShift,
  PrecTerm,
  PrecFactor,
  PrecUnary,
  PrecPostfix
} Prec;

static Prec infixPrec(TokenKind K) {
  switch (K) {
  case TAssign:
  case TPlusAssign:
  case TMinusAssign:
  case TStarAssign:
    return PrecAssign;
  case TOr:
    return PrecOr;
  case TAnd:
    return PrecAnd;
  case TEq:
  case TNe:
    return PrecEquality;
  case TLt:
  case TLe:
  case TGt:
  case TGe:
    return PrecCompare;
  case TPipe:
    return PrecBitOr;
  case TCaret:
    return PrecBitXor;
  case TAmp:
    return PrecBitAnd;
  case TShl:
  case TShr:
    return PrecShift;
  case TPlus:
  case TMinus:
    return PrecTerm;
  case TStar:
  case TSlash:
  case TPercent:
    return PrecFactor;
  case TLParen:
  case TLBracket:
  case TDot:
    return PrecPostfix;
  default:
    return PrecNone;
  }
}

static Node *expression(Parser *P, Prec Min);
static Node *block(Parser *P);

static void parameters(Parser *P, Node *F) {
  expect(P, TLParen, "before parameters");
  if (!check(P, TRParen)) {
    do {
      expect(P, TIdent, "as parameter name");
      Node *Param = node(P, EName, P->Prev.Line);
      Param->Str = copyName(P, &P->Prev);
      listPush(P->A, &F->Params, Param);
    } while (accept(P, TComma));
  }
  expect(P, TRParen, "after parameters");
  F->A = block(P);
}

static Node *arrayLiteral(Parser *P, int Line) {
  Node *N = node(P, EArray, Line);
  while (!check(P, TRBracket) && !P->Failed) {
    listPush(P->A, &N->List, expression(P, PrecAssign));
    if (!accept(P, TComma))
      break;
  }
  expect(P, TRBracket, "after array items");
  return N;
}

// {key: value, ...}; a bare identifier key is a string.
static Node *mapLiteral(Parser *P, int Line) {
  Node *N = node(P, EMap, Line);
  while (!check(P, TRBrace) && !P->Failed) {
    Node *Key;
    if (check(P, TIdent)) {
      advance(P);
      Key = node(P, EStr, P->Prev.Line);
      Key->Str = copyName(P, &P->Prev);
      Key->StrLen = P->Prev.Len;
    } else {
      Key = expression(P, PrecOr);
    }
    expect(P, TColon, "after map key");
    listPush(P->A, &N->List, Key);
    listPush(P->A, &N->List, expression(P, PrecAssign));
    if (!accept(P, TComma))
      break;
  }
  expect(P, TRBrace, "after map items");
  return N;
}

static Node *primary(Parser *P) {
  Token T = P->Cur;
  advance(P);
  Node *N;
  switch (T.Kind) {
  case TInt:
    N = node(P, EInt, T.Line);
    N->I = T.IntVal;
    return N;
  case TFloat:
    N = node(P, EFloat, T.Line);
    N->F = T.FloatVal;
    return N;
  case TString:
    return stringLiteral(P, &T);
  case TTrue:
    return node(P, ETrue, T.Line);
  case TFalse:
    return node(P, EFalse, T.Line);
  case TNilKw:
    return node(P, ENil, T.Line);
  case TIdent:
    N = node(P, EName, T.Line);
    N->Str = copyName(P, &T);
    return N;
  case TLParen:
    N = expression(P, PrecAssign);
    expect(P, TRParen, "after expression");
    return N;
  case TLBracket:
    return arrayLiteral(P, T.Line);
  case TLBrace:
    return mapLiteral(P, T.Line);
  case TFn:
    N = node(P, EFunc, T.Line);
    parameters(P, N);
    return N;
  case TMinus:
  case TBang:
  case TNot:
    N = node(P, EUnary, T.Line);
    N->Op = T.Kind == TMinus ? TMinus : TBang;
    N->A = expression(P, PrecUnary);
    return N;
  default:
    errorAt(P, &T, "expected an expression");
    return node(P, ENil, T.Line);
  }
}

static Node *postfix(Parser *P, Node *Left, Token Op) {
  Node *N;
  if (Op.Kind == TLParen) {
    N = node(P, ECall, Op.Line);
    N->A = Left;
    if (!check(P, TRParen)) {
      do
        listPush(P->A, &N->List, expression(P, PrecAssign));
      while (accept(P, TComma) && !P->Failed);
    }
    expect(P, TRParen, "after arguments");
    return N;
  }
  N = node(P, EIndex, Op.Line);
  N->A = Left;
  if (Op.Kind == TLBracket) {
    N->B = expression(P, PrecAssign);
    expect(P, TRBracket, "after index");
  } else {
    expect(P, TIdent, "after '.'");
    N->B = node(P, EStr, P->Prev.Line);
    N->B->Str = copyName(P, &P->Prev);
    N->B->StrLen = P->Prev.Len;
  }
  return N;
}

static Node *expression(Parser *P, Prec Min) {
  Node *Left = primary(P);
  for (;;) {
    Prec Pr = infixPrec(P->Cur.Kind);
    if (Pr == PrecNone || Pr < Min || P->Failed)
      return Left;
    Token Op = P->Cur;
    advance(P);
    if (Pr == PrecPostfix) {
      Left = postfix(P, Left, Op);
      continue;
    }
    Node *N;
    if (Pr == PrecAssign) {
      if (Left->Kind != EName && Left->Kind != EIndex)
        errorAt(P, &Op, "cannot assign to this expression");
      N = node(P, EAssign, Op.Line);
      N->A = Left;
      N->B = expression(P, PrecAssign); // right-associative
      N->Op = Op.Kind;
    } else {
      NodeKind K = Op.Kind == TAnd ? EAnd : Op.Kind == TOr ? EOr : EBinary;
      N = node(P, K, Op.Line);
      N->Op = Op.Kind;
      N->A = Left;
      N->B = expression(P, (Prec)(Pr + 1));
    }
    Left = N;
  }
}

// ---- Statements ----------------------------------------------------------

static Node *statement(Parser *P);

static Node *block(Parser *P) {
  Node *N = node(P, SBlock, P->Cur.Line);
  expect(P, TLBrace, "to open a block");
  while (!check(P, TRBrace) && !check(P, TEof) && !P->Failed)
    listPush(P->A, &N->List, statement(P));
  expect(P, TRBrace, "to close a block");
  return N;
}

static Node *ifStatement(Parser *P, int Line) {
  Node *N = node(P, SIf, Line);
  N->A = expression(P, PrecAssign);
  N->B = block(P);
  if (accept(P, TElse)) {
    if (accept(P, TIf))
      N->C = ifStatement(P, P->Prev.Line);
    else
      N->C = block(P);
  }
  return N;
}

// for x in container { } or for i in a .. b { }
static Node *forStatement(Parser *P, int Line) {
  expect(P, TIdent, "as loop variable");
  Node *Var = node(P, EName, P->Prev.Line);
  Var->Str = copyName(P, &P->Prev);
  expect(P, TIn, "after loop variable");
  Node *First = expression(P, PrecOr);
  Node *N;
  if (accept(P, TDotDot)) {
    N = node(P, SForRange, Line);
    N->B = First;
    N->C = expression(P, PrecOr);
  } else {
    N = node(P, SForIn, Line);
    N->B = First;
  }
  N->A = Var;
  N->D = block(P);
  return N;
}

static Node *statement(Parser *P) {
  Token T = P->Cur;
  Node *N;
  if (accept(P, TLet)) {
    N = node(P, SLet, T.Line);
    expect(P, TIdent, "after 'let'");
    N->Str = copyName(P, &P->Prev);
    if (accept(P, TAssign))
      N->A = expression(P, PrecAssign);
    expect(P, TSemi, "after declaration");
    return N;
  }
  if (check(P, TFn)) {
    // "fn name(...)" declares; "fn (...)" is an expression statement.
    Lexer Save = P->L;
    Token SaveCur = P->Cur;
    advance(P);
    if (check(P, TIdent)) {
      N = node(P, SFunc, T.Line);
      N->Str = copyName(P, &P->Cur);
      advance(P);
      parameters(P, N);
      return N;
    }
    P->L = Save;
    P->Cur = SaveCur;
  }
  if (accept(P, TIf))
    return ifStatement(P, T.Line);
  if (accept(P, TWhile)) {
    N = node(P, SWhile, T.Line);
    N->A = expression(P, PrecAssign);
    N->B = block(P);
    return N;
  }
  if (accept(P, TFor))
    return forStatement(P, T.Line);
  if (accept(P, TReturn)) {
    N = node(P, SReturn, T.Line);
    if (!check(P, TSemi))
      N->A = expression(P, PrecAssign);
    expect(P, TSemi, "after return");
    return N;
  }
  if (accept(P, TBreak) || accept(P, TContinue)) {
    N = node(P, P->Prev.Kind == TBreak ? SBreak : SContinue, T.Line);
    expect(P, TSemi, "after break/continue");
    return N;
  }
  if (check(P, TLBrace))
    return block(P);
  N = node(P, SExpr, T.Line);
  N->A = expression(P, PrecAssign);
  expect(P, TSemi, "after expression");
  return N;
}

Node *parseProgram(Arena *A, const char *Src, const char *Name) {
  Parser P;
  memset(&P, 0, sizeof P);
  P.A = A;
  P.Name = Name;
  lexInit(&P.L, Src);
  advance(&P);
  Node *Prog = node(&P, SBlock, 1);
  while (!check(&P, TEof) && !P.Failed)
    listPush(A, &Prog->List, statement(&P));
  return P.Failed ? NULL : Prog;
}
