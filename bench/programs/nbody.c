// Floating-point kernel: the classic n-body simulation (double precision,
// sqrt, symplectic Euler steps).
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { NBodies = 5 };
static const double Pi = 3.141592653589793, SolarMass = 4 * Pi * Pi,
                    DaysPerYear = 365.24;

typedef struct {
  double X, Y, Z, Vx, Vy, Vz, Mass;
} Body;

static void advance(Body *B, double Dt) {
  for (int I = 0; I < NBodies; ++I)
    for (int J = I + 1; J < NBodies; ++J) {
      double Dx = B[I].X - B[J].X, Dy = B[I].Y - B[J].Y, Dz = B[I].Z - B[J].Z;
      double D2 = Dx * Dx + Dy * Dy + Dz * Dz;
      double Mag = Dt / (D2 * sqrt(D2));
      B[I].Vx -= Dx * B[J].Mass * Mag;
      B[I].Vy -= Dy * B[J].Mass * Mag;
      B[I].Vz -= Dz * B[J].Mass * Mag;
      B[J].Vx += Dx * B[I].Mass * Mag;
      B[J].Vy += Dy * B[I].Mass * Mag;
      B[J].Vz += Dz * B[I].Mass * Mag;
    }
  for (int I = 0; I < NBodies; ++I) {
    B[I].X += Dt * B[I].Vx;
    B[I].Y += Dt * B[I].Vy;
    B[I].Z += Dt * B[I].Vz;
  }
}

static double energy(const Body *B) {
  double E = 0;
  for (int I = 0; I < NBodies; ++I) {
    E += 0.5 * B[I].Mass *
         (B[I].Vx * B[I].Vx + B[I].Vy * B[I].Vy + B[I].Vz * B[I].Vz);
    for (int J = I + 1; J < NBodies; ++J) {
      double Dx = B[I].X - B[J].X, Dy = B[I].Y - B[J].Y, Dz = B[I].Z - B[J].Z;
      E -= B[I].Mass * B[J].Mass / sqrt(Dx * Dx + Dy * Dy + Dz * Dz);
    }
  }
  return E;
}

int main(int Argc, char **Argv) {
  int Steps = Argc > 1 ? atoi(Argv[1]) : 5000000;
  Body B[NBodies] = {
      {0, 0, 0, 0, 0, 0, SolarMass},
      {4.84143144246472090e+00, -1.16032004402742839e+00,
       -1.03622044471123109e-01, 1.66007664274403694e-03 * DaysPerYear,
       7.69901118419740425e-03 * DaysPerYear,
       -6.90460016972063023e-05 * DaysPerYear,
       9.54791938424326609e-04 * SolarMass},
      {8.34336671824457987e+00, 4.12479856412430479e+00,
       -4.03523417114321381e-01, -2.76742510726862411e-03 * DaysPerYear,
       4.99852801234917238e-03 * DaysPerYear,
       2.30417297573763929e-05 * DaysPerYear,
       2.85885980666130812e-04 * SolarMass},
      {1.28943695621391310e+01, -1.51111514016986312e+01,
       -2.23307578892655734e-01, 2.96460137564761618e-03 * DaysPerYear,
       2.37847173959480950e-03 * DaysPerYear,
       -2.96589568540237556e-05 * DaysPerYear,
       4.36624404335156298e-05 * SolarMass},
      {1.53796971148509165e+01, -2.59193146099879641e+01,
       1.79258772950371181e-01, 2.68067772490389322e-03 * DaysPerYear,
       1.62824170038242295e-03 * DaysPerYear,
       -9.51592254519715870e-05 * DaysPerYear,
       5.15138902046611451e-05 * SolarMass}};
  double Px = 0, Py = 0, Pz = 0;
  for (int I = 0; I < NBodies; ++I) {
    Px += B[I].Vx * B[I].Mass;
    Py += B[I].Vy * B[I].Mass;
    Pz += B[I].Vz * B[I].Mass;
  }
  B[0].Vx = -Px / SolarMass;
  B[0].Vy = -Py / SolarMass;
  B[0].Vz = -Pz / SolarMass;
  printf("%.9f\n", energy(B));
  for (int I = 0; I < Steps; ++I)
    advance(B, 0.01);
  printf("checksum %.9f\n", energy(B));
  return 0;
}
