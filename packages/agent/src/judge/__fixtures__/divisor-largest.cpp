// Prints the largest proper divisor: a different valid answer than the jury's smallest one.
#include <cstdio>
int main() {
  long long n;
  if (std::scanf("%lld", &n) != 1) return 1;
  for (long long d = 2; d * d <= n; d++) {
    if (n % d == 0) {
      std::printf("%lld\n", n / d);
      return 0;
    }
  }
  std::printf("-1\n");
}
