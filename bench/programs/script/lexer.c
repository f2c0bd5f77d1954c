// Lexer: turns source text into tokens (identifiers, keywords, integer,
// float and string literals, operators), skipping blanks and // comments.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"

static const struct {
  const char *Word;
  TokenKind Kind;
} Keywords[] = {
    {"let", TLet},     {"fn", TFn},
    {"if", TIf},       {"else", TElse},
    {"while", TWhile}, {"for", TFor},
    {"in", TIn},       {"return", TReturn},
    {"break", TBreak}, {"continue", TContinue},
    {"true", TTrue},   {"false", TFalse},
    {"nil", TNilKw},   {"and", TAnd},
    {"or", TOr},       {"not", TNot},
};

static const char *const TokenNames[NumTokens] = {
    [TEof] = "end of input",
    [TIdent] = "identifier",
    [TInt] = "integer",
    [TFloat] = "float",
    [TString] = "string",
    [TLParen] = "'('",
    [TRParen] = "')'",
    [TLBrace] = "'{'",
    [TRBrace] = "'}'",
    [TLBracket] = "'['",
    [TRBracket] = "']'",
    [TComma] = "','",
    [TDot] = "'.'",
    [TDotDot] = "'..'",
    [TSemi] = "';'",
    [TColon] = "':'",
    [TPlus] = "'+'",
    [TMinus] = "'-'",
    [TStar] = "'*'",
    [TSlash] = "'/'",
    [TPercent] = "'%'",
    [TAmp] = "'&'",
    [TPipe] = "'|'",
    [TCaret] = "'^'",
    [TShl] = "'<<'",
    [TShr] = "'>>'",
    [TBang] = "'!'",
    [TAssign] = "'='",
    [TEq] = "'=='",
    [TNe] = "'!='",
    [TLt] = "'<'",
    [TLe] = "'<='",
    [TGt] = "'>'",
    [TGe] = "'>='",
    [TPlusAssign] = "'+='",
    [TMinusAssign] = "'-='",
    [TStarAssign] = "'*='",
    [TLet] = "'let'",
    [TFn] = "'fn'",
    [TIf] = "'if'",
    [TElse] = "'else'",
    [TWhile] = "'while'",
    [TFor] = "'for'",
    [TIn] = "'in'",
    [TReturn] = "'return'",
    [TBreak] = "'break'",
    [TContinue] = "'continue'",
    [TTrue] = "'true'",
    [TFalse] = "'false'",
    [TNilKw] = "'nil'",
    [TAnd] = "'and'",
    [TOr] = "'or'",
    [TNot] = "'not'",
};

const char *tokenName(TokenKind K) {
  return K < NumTokens && TokenNames[K] ? TokenNames[K] : "?";
}

void lexInit(Lexer *L, const char *Src) {
  L->Src = Src;
  L->Cur = Src;
  L->Line = 1;
}

static int isIdentStart(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || C == '_';
}
static int isDigit(char C) { return C >= '0' && C <= '9'; }
static int isHex(char C) {
  return isDigit(C) || (C >= 'a' && C <= 'f') || (C >= 'A' && C <= 'F');
}

static void skipBlanks(Lexer *L) {
  for (;;) {
    char C = *L->Cur;
    if (C == '\n') {
      L->Line++;
      L->Cur++;
    } else if (C == ' ' || C == '\t' || C == '\r') {
      L->Cur++;
    } else if (C == '/' && L->Cur[1] == '/') {
      while (*L->Cur && *L->Cur != '\n')
        L->Cur++;
    } else {
      return;
    }
  }
}

static Token make(Lexer *L, TokenKind K, const char *Start) {
  Token T;
  memset(&T, 0, sizeof T);
  T.Kind = K;
  T.Start = Start;
  T.Len = (int)(L->Cur - Start);
  T.Line = L->Line;
  return T;
}

static Token lexNumber(Lexer *L, const char *Start) {
  if (Start[0] == '0' && (Start[1] == 'x' || Start[1] == 'X')) {
    uint64_t V = 0;
    L->Cur = Start + 2;
    while (isHex(*L->Cur)) {
      char C = *L->Cur++;
      int D = isDigit(C) ? C - '0' : (C | 0x20) - 'a' + 10;
      V = V * 16 + (uint64_t)D;
    }
    Token T = make(L, TInt, Start);
    T.IntVal = (int64_t)V;
    return T;
  }
  int IsFloat = 0;
  while (isDigit(*L->Cur))
    L->Cur++;
  // "1..n" is a range, not the float "1."
  if (*L->Cur == '.' && isDigit(L->Cur[1])) {
    IsFloat = 1;
    L->Cur++;
    while (isDigit(*L->Cur))
      L->Cur++;
  }
  if (*L->Cur == 'e' || *L->Cur == 'E') {
    const char *P = L->Cur + 1;
    if (*P == '+' || *P == '-')
      P++;
    if (isDigit(*P)) {
      IsFloat = 1;
      L->Cur = P;
      while (isDigit(*L->Cur))
        L->Cur++;
    }
  }
  Token T = make(L, IsFloat ? TFloat : TInt, Start);
  if (IsFloat) {
    T.FloatVal = strtod(Start, NULL);
  } else {
    uint64_t V = 0;
    for (const char *P = Start; P < L->Cur; P++)
      V = V * 10 + (uint64_t)(*P - '0');
    T.IntVal = (int64_t)V;
  }
  return T;
}

static Token lexString(Lexer *L, const char *Start) {
  char Quote = *Start;
  L->Cur = Start + 1;
  while (*L->Cur && *L->Cur != Quote) {
    if (*L->Cur == '\\' && L->Cur[1])
      L->Cur++;
    if (*L->Cur == '\n')
      L->Line++;
    L->Cur++;
  }
  if (!*L->Cur) {
    Token T = make(L, TEof, Start);
    T.Kind = TString;
    T.Len = -1; // unterminated: reported by the parser
    return T;
  }
  L->Cur++;
  return make(L, TString, Start);
}

static Token lexIdent(Lexer *L, const char *Start) {
  while (isIdentStart(*L->Cur) || isDigit(*L->Cur))
    L->Cur++;
  size_t Len = (size_t)(L->Cur - Start);
  for (size_t I = 0; I < sizeof Keywords / sizeof Keywords[0]; I++)
    if (strlen(Keywords[I].Word) == Len &&
        memcmp(Keywords[I].Word, Start, Len) == 0)
      return make(L, Keywords[I].Kind, Start);
  return make(L, TIdent, Start);
}

// Operators of one or two characters: the second character, if it matches,
// selects the two-character token.
static Token lexOperator(Lexer *L, const char *Start) {
  char C = *L->Cur++;
  char N = *L->Cur;
#define TWO(Ch, Kind2, Kind1)                                                  \
  if (N == (Ch)) {                                                             \
    L->Cur++;                                                                  \
    return make(L, Kind2, Start);                                              \
  }                                                                            \
  return make(L, Kind1, Start)
  switch (C) {
  case '(':
    return make(L, TLParen, Start);
  case ')':
    return make(L, TRParen, Start);
  case '{':
    return make(L, TLBrace, Start);
  case '}':
    return make(L, TRBrace, Start);
  case '[':
    return make(L, TLBracket, Start);
  case ']':
    return make(L, TRBracket, Start);
  case ',':
    return make(L, TComma, Start);
  case ';':
    return make(L, TSemi, Start);
  case ':':
    return make(L, TColon, Start);
  case '/':
    return make(L, TSlash, Start);
  case '%':
    return make(L, TPercent, Start);
  case '&':
    return make(L, TAmp, Start);
  case '|':
    return make(L, TPipe, Start);
  case '^':
    return make(L, TCaret, Start);
  case '.':
    TWO('.', TDotDot, TDot);
  case '+':
    TWO('=', TPlusAssign, TPlus);
  case '-':
    TWO('=', TMinusAssign, TMinus);
  case '*':
    TWO('=', TStarAssign, TStar);
  case '!':
    TWO('=', TNe, TBang);
  case '=':
    TWO('=', TEq, TAssign);
  case '<':
    if (N == '<') {
      L->Cur++;
      return make(L, TShl, Start);
    }
    TWO('=', TLe, TLt);
  case '>':
    if (N == '>') {
      L->Cur++;
      return make(L, TShr, Start);
    }
    TWO('=', TGe, TGt);
  default:
    break;
  }
#undef TWO
  Token T = make(L, TEof, Start);
  T.Len = -2; // unknown character
  return T;
}

Token lexNext(Lexer *L) {
  skipBlanks(L);
  const char *Start = L->Cur;
  char C = *L->Cur;
  if (!C)
    return make(L, TEof, Start);
  if (isIdentStart(C))
    return lexIdent(L, Start);
  if (isDigit(C))
    return lexNumber(L, Start);
  if (C == '"' || C == '\'')
    return lexString(L, Start);
  return lexOperator(L, Start);
}
