/* Hostile and probing behaviours for the sandbox tests; the first argument picks one. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

extern char **environ;

static int recurse(int depth) {
  volatile char frame[64];
  frame[0] = (char)depth;
  if (depth == 0) return 0;
  return recurse(depth - 1) + frame[0] - (char)depth;
}

static void report_open(const char *label, const char *path, int flags) {
  int fd = open(path, flags, 0644);
  printf("%s=%s\n", label, fd >= 0 ? "ok" : strerror(errno));
  if (fd >= 0) close(fd);
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  if (!strcmp(mode, "loop")) { volatile unsigned long x = 0; for (;;) x++; }
  if (!strcmp(mode, "sleep")) { for (;;) pause(); }
  if (!strcmp(mode, "alloc")) {
    size_t size = (size_t)2 << 30;
    char *p = malloc(size);
    if (!p) return 42;
    for (size_t i = 0; i < size; i += 4096) p[i] = 1;
    return 0;
  }
  if (!strcmp(mode, "forkbomb")) { for (;;) fork(); }
  if (!strcmp(mode, "output")) {
    static char line[4096];
    memset(line, 'y', sizeof line - 1);
    for (;;) fputs(line, stdout);
  }
  if (!strcmp(mode, "recurse")) return recurse(atoi(argv[2]));
  if (!strcmp(mode, "segfault")) { *(volatile int *)0 = 1; }
  if (!strcmp(mode, "abort")) abort();
  if (!strcmp(mode, "exit3")) exit(3);
  if (!strcmp(mode, "network")) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(53)};
    inet_pton(AF_INET, "1.1.1.1", &addr.sin_addr);
    int connected = fd >= 0 && connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0;
    printf("connect=%s\n", connected ? "ok" : strerror(errno));
    struct addrinfo *found = NULL;
    int resolved = getaddrinfo("example.com", "80", NULL, &found);
    printf("resolve=%s\n", resolved == 0 ? "ok" : "failed");
    return 0;
  }
  if (!strcmp(mode, "files")) {
    report_open("write_job_dir", "/box/written-by-program", O_WRONLY | O_CREAT);
    report_open("write_etc", "/etc/written-by-program", O_WRONLY | O_CREAT);
    report_open("write_scratch", "/tmp/scratch-file", O_WRONLY | O_CREAT);
    report_open("read_secret", "/box/secret.txt", O_RDONLY);
    report_open("read_shadow", "/etc/shadow", O_RDONLY);
    report_open("read_root_home", "/root", O_RDONLY);
    return 0;
  }
  if (!strcmp(mode, "identity")) {
    printf("uid=%d euid=%d gid=%d\n", getuid(), geteuid(), getgid());
    for (char **e = environ; *e; e++) printf("env %s\n", *e);
    FILE *status = fopen("/proc/self/status", "r");
    char line[256];
    while (status && fgets(line, sizeof line, status)) {
      if (!strncmp(line, "NoNewPrivs:", 11) || !strncmp(line, "CapEff:", 7)) fputs(line, stdout);
    }
    return 0;
  }
  if (!strcmp(mode, "background")) {
    if (fork() == 0) {
      setsid();
      close(1);
      close(2);
      for (;;) pause();
    }
    puts("parent done");
    return 0;
  }
  if (!strcmp(mode, "echo")) {
    int c;
    while ((c = getchar()) != EOF) putchar(c);
    return 0;
  }
  fprintf(stderr, "unknown mode %s\n", mode);
  return 2;
}
