"""Writes a C program whose DWARF nests deeper than -g translates: a chain
of N typedef'd pointers, N structs each inside the next, N nested blocks."""
import sys

n = int(sys.argv[1])
out = ["typedef int T0;"]
out += [f"typedef T{i - 1} *T{i};" for i in range(1, n + 1)]
out.append("struct S0 { int v; };")
out += [f"struct S{i} {{ struct S{i - 1} in; }};" for i in range(1, n + 1)]
out.append(f"int main(void) {{\n  T{n} p = 0;\n  struct S{n} s = {{0}};")
out += [f"{{ volatile int x{i} = {i};" for i in range(n)]
out.append("p = 0;")
out.append("}" * n)
out.append(f"  return (int)(long)p + s.{'.'.join(['in'] * n)}.v;\n}}")
print("\n".join(out))
