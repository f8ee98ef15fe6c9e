// One solution that earns every verdict, picked by the test's input: "add A B" is answered correctly.
#include <cstdio>
#include <cstdlib>
#include <cstring>

int main() {
  char mode[16] = {0};
  if (std::scanf("%15s", mode) != 1) return 1;
  if (!std::strcmp(mode, "add")) {
    long long a, b;
    std::scanf("%lld %lld", &a, &b);
    std::printf("%lld\n", a + b);
  } else if (!std::strcmp(mode, "wrong")) {
    std::printf("42\n");
  } else if (!std::strcmp(mode, "loop")) {
    for (volatile unsigned long i = 0;; i++) {}
  } else if (!std::strcmp(mode, "alloc")) {
    size_t size = static_cast<size_t>(1) << 30;
    volatile char* p = static_cast<char*>(std::malloc(size));
    for (size_t i = 0; p && i < size; i += 4096) p[i] = 1;
  } else if (!std::strcmp(mode, "spam")) {
    for (;;) std::fputs("spam spam spam spam spam spam spam spam\n", stdout);
  } else if (!std::strcmp(mode, "crash")) {
    *static_cast<volatile int*>(nullptr) = 1;
  }
  return 0;
}
