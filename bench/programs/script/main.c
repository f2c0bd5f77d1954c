// Benchmark driver of the "script" program: parses, folds, compiles and runs
// every script of programs.c in a fresh VM with SCALE = argv[1], printing one
// checksum line per script (hash of its output, instruction count) and an
// overall checksum. `script N -v` also echoes the scripts' output.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"

typedef struct {
  uint64_t OutHash, OutBytes, Instructions;
  int CodeSize;
} RunResult;

static int runScript(const ScriptSource *S, int64_t Scale, int Echo,
                     RunResult *R) {
  Vm *V = malloc(sizeof(Vm));
  if (!V)
    return 1;
  vmInit(V);
  V->Echo = Echo;
  installBuiltins(V);
  String *Name = strCopy(V, "SCALE", 5);
  int Slot = globalSlot(V, Name);
  V->Globals[Slot] = intV(Scale);
  V->GlobalDefined[Slot] = 1;

  Arena *A = arenaNew();
  Node *Prog = parseProgram(A, S->Source, S->Name);
  Proto *P = Prog ? compileProgram(V, Prog, S->Name) : NULL;
  arenaFree(A);
  if (!P) {
    vmFree(V);
    free(V);
    return 1;
  }
  R->CodeSize = disassembleCount(P);
  vmRun(V, P);
  R->OutHash = V->OutHash;
  R->OutBytes = V->OutBytes;
  R->Instructions = V->Instructions;
  vmFree(V);
  free(V);
  return 0;
}

int main(int Argc, char **Argv) {
  int64_t Scale = Argc > 1 ? atoll(Argv[1]) : 10;
  int Echo = Argc > 2 && strcmp(Argv[2], "-v") == 0;
  if (Scale < 1)
    Scale = 1;
  uint64_t Total = 0;
  for (int I = 0; I < NumScripts; I++) {
    RunResult R;
    if (runScript(&Scripts[I], Scale, Echo, &R)) {
      fprintf(stderr, "script %s failed\n", Scripts[I].Name);
      return 1;
    }
    printf("%-10s out %016llx (%llu bytes) ops %llu code %d\n", Scripts[I].Name,
           (unsigned long long)R.OutHash, (unsigned long long)R.OutBytes,
           (unsigned long long)R.Instructions, R.CodeSize);
    Total = (Total ^ R.OutHash) * 1099511628211ULL + R.Instructions;
  }
  printf("checksum %016llx\n", (unsigned long long)Total);
  return 0;
}
