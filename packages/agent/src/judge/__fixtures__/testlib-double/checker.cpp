// Checker for "print any proper divisor of n, or -1 when there is none": several answers are valid.
#include "testlib.h"

int main(int argc, char* argv[]) {
  registerTestlibCmd(argc, argv);
  long long n = inf.readLong();
  long long jury = ans.readLong();
  long long got = ouf.readLong();
  if (!ouf.seekEof()) quitf(_pe, "extra output after the answer");
  if (jury == -1) {
    if (got == -1) quitf(_ok, "n=%lld has no proper divisor", n);
    quitf(_wa, "n=%lld is prime, got %lld", n, got);
  }
  if (got == -1) quitf(_wa, "n=%lld has a proper divisor, got -1", n);
  if (got <= 1 || got >= n || n % got != 0) quitf(_wa, "%lld is not a proper divisor of %lld", got, n);
  quitf(_ok, "%lld divides %lld", got, n);
}
