// MINIMAL TEST DOUBLE of the testlib.h checker API (https://github.com/MikeMirzayanov/testlib), written for
// Switchyard's judge tests because the real header cannot be fetched here. It implements only what
// checker.cpp beside it uses: registerTestlibCmd, inf/ouf/ans with readInt/readToken/seekEof, quitf, and the
// testlib exit codes (_ok=0, _wa=1, _pe=2, _fail=3). It is not testlib and must not be shipped as one.
#pragma once
#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <string>

enum TResult { _ok = 0, _wa = 1, _pe = 2, _fail = 3 };

[[noreturn]] inline void quitf(TResult result, const char* format, ...) {
  static const char* names[] = {"ok", "wrong answer", "wrong output format", "FAIL"};
  char message[1024];
  va_list args;
  va_start(args, format);
  std::vsnprintf(message, sizeof message, format, args);
  va_end(args);
  std::fprintf(stderr, "%s %s\n", names[result], message);
  std::exit(result);
}

struct InStream {
  FILE* file = nullptr;
  TResult on_error = _fail;  // a malformed contestant output is _pe, a malformed jury file is _fail

  std::string readToken() {
    std::string token;
    int c;
    while ((c = std::fgetc(file)) != EOF && std::isspace(c)) {}
    while (c != EOF && !std::isspace(c)) {
      token += static_cast<char>(c);
      c = std::fgetc(file);
    }
    if (token.empty()) quitf(on_error, "unexpected end of file");
    return token;
  }

  long long readLong() {
    std::string token = readToken();
    char* end = nullptr;
    long long value = std::strtoll(token.c_str(), &end, 10);
    if (*end != '\0') quitf(on_error, "expected an integer, found \"%s\"", token.c_str());
    return value;
  }

  int readInt() { return static_cast<int>(readLong()); }

  bool seekEof() {
    int c;
    while ((c = std::fgetc(file)) != EOF && std::isspace(c)) {}
    if (c == EOF) return true;
    std::ungetc(c, file);
    return false;
  }
};

inline InStream inf, ouf, ans;

inline void registerTestlibCmd(int argc, char* argv[]) {
  if (argc < 4) quitf(_fail, "usage: checker input output answer");
  InStream* streams[] = {&inf, &ouf, &ans};
  for (int i = 0; i < 3; i++) {
    streams[i]->file = std::fopen(argv[i + 1], "r");
    if (!streams[i]->file) quitf(_fail, "cannot open %s", argv[i + 1]);
  }
  ouf.on_error = _pe;
}
