// Runs one untrusted command with limits and prints one JSON line describing what happened.
//
// Compiled on first use by sandbox-launcher-build.ts (g++ -O2) and cached by source hash. Node alone cannot
// clone into new namespaces, set rlimits for a child or read wait4 rusage, and chaining unshare/setpriv/prlimit
// costs one exec each, so this small launcher does all of it in one process (the ioi/isolate design).
//
// Process tree in namespace mode:
//   launcher (host, root)  --clone(NEWPID|NEWNS|NEWNET|NEWIPC|NEWUTS)-->  init (pid 1 in the box)
//   init builds the read-only root, forks  -->  program (pid 2): joins the cgroups, drops to the box uid, execs.
// When the program exits, init reports its status and exits; the kernel then kills everything else left in the
// pid namespace, so background children never survive a run.
//
// Every failure of the launcher itself ends in {"status":"setup_error"} so callers report SE, never a user fault.

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <algorithm>
#include <string>
#include <vector>

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct Bind {
  std::string source;
  std::string target;
  bool writable;
};

struct Options {
  long cpu_ms = 1000, wall_ms = 3000;
  long memory_kb = 262144, stack_kb = 0, processes = 1, file_size_kb = 65536, open_files = 64;
  long output_bytes = 64L << 20, scratch_kb = 65536;
  int uid = 65534, gid = 65534;
  bool namespaces = true, drop_user = true, rlimit_as = false;
  std::string root_dir, cwd = "/", stdin_path, stdout_path, stderr_path;
  std::string cg_memory, cg_pids, cg_cpu, cg_v2;  // empty: that controller is not used
  std::vector<Bind> binds;
  std::vector<std::string> env, argv;
};

struct ChildReport {  // sent by init to the launcher through a pipe
  int stage;         // 0 = program finished, 1 = setup failed inside the box
  int wait_status;
  int err;
  long utime_us, stime_us, maxrss_kb;
  char message[200];
};

[[noreturn]] void fail_setup(const std::string& message) {
  std::string escaped;
  for (char c : message) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += (c >= 0x20 ? c : ' ');
  }
  std::printf("{\"status\":\"setup_error\",\"message\":\"%s\"}\n", escaped.c_str());
  std::fflush(stdout);
  _exit(3);
}

long now_ms() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

bool write_file(const std::string& path, const std::string& value) {
  int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = write(fd, value.data(), value.size()) == static_cast<ssize_t>(value.size());
  close(fd);
  return ok;
}

std::string read_small_file(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  char buf[4096];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  return n > 0 ? std::string(buf, n) : "";
}

// Value of "key N" in a flat keyed file such as memory.events or cpu.stat; -1 when absent.
long keyed_value(const std::string& text, const std::string& key) {
  size_t at = 0;
  while ((at = text.find(key, at)) != std::string::npos) {
    bool starts_line = at == 0 || text[at - 1] == '\n';
    if (starts_line && at + key.size() < text.size() && text[at + key.size()] == ' ') {
      return std::atol(text.c_str() + at + key.size() + 1);
    }
    at += key.size();
  }
  return -1;
}

Options parse(int argc, char** argv) {
  Options o;
  int i = 1;
  auto next = [&](const char* flag) -> std::string {
    if (i + 1 >= argc) fail_setup(std::string("missing value for ") + flag);
    return argv[++i];
  };
  for (; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--") {
      for (i++; i < argc; i++) o.argv.push_back(argv[i]);
      break;
    }
    if (a == "--cpu-ms") o.cpu_ms = std::atol(next("--cpu-ms").c_str());
    else if (a == "--wall-ms") o.wall_ms = std::atol(next("--wall-ms").c_str());
    else if (a == "--memory-kb") o.memory_kb = std::atol(next("--memory-kb").c_str());
    else if (a == "--stack-kb") o.stack_kb = std::atol(next("--stack-kb").c_str());
    else if (a == "--processes") o.processes = std::atol(next("--processes").c_str());
    else if (a == "--file-size-kb") o.file_size_kb = std::atol(next("--file-size-kb").c_str());
    else if (a == "--open-files") o.open_files = std::atol(next("--open-files").c_str());
    else if (a == "--output-bytes") o.output_bytes = std::atol(next("--output-bytes").c_str());
    else if (a == "--scratch-kb") o.scratch_kb = std::atol(next("--scratch-kb").c_str());
    else if (a == "--uid") o.uid = std::atoi(next("--uid").c_str());
    else if (a == "--gid") o.gid = std::atoi(next("--gid").c_str());
    else if (a == "--no-namespaces") o.namespaces = false;
    else if (a == "--keep-user") o.drop_user = false;
    else if (a == "--rlimit-as") o.rlimit_as = true;
    else if (a == "--root-dir") o.root_dir = next("--root-dir");
    else if (a == "--cwd") o.cwd = next("--cwd");
    else if (a == "--stdin") o.stdin_path = next("--stdin");
    else if (a == "--stdout") o.stdout_path = next("--stdout");
    else if (a == "--stderr") o.stderr_path = next("--stderr");
    else if (a == "--cg-memory") o.cg_memory = next("--cg-memory");
    else if (a == "--cg-pids") o.cg_pids = next("--cg-pids");
    else if (a == "--cg-cpu") o.cg_cpu = next("--cg-cpu");
    else if (a == "--cg-v2") o.cg_v2 = next("--cg-v2");
    else if (a == "--env") o.env.push_back(next("--env"));
    else if (a == "--bind-ro" || a == "--bind-rw") {
      std::string spec = next("--bind");
      size_t colon = spec.find(':');
      if (colon == std::string::npos) fail_setup("bind needs SOURCE:TARGET");
      o.binds.push_back({spec.substr(0, colon), spec.substr(colon + 1), a == "--bind-rw"});
    } else fail_setup("unknown flag " + a);
  }
  if (o.argv.empty()) fail_setup("no command given");
  if (o.namespaces && o.root_dir.empty()) fail_setup("--root-dir is required with namespaces");
  if (o.stack_kb == 0) o.stack_kb = o.memory_kb;  // contest norm: the stack may use the whole memory limit
  return o;
}

// ---- cgroups: one fresh leaf per run under each parent the caller passed ----

struct Cgroups {
  std::vector<std::string> leaves;  // directories created for this run
  std::vector<int> proc_fds;        // cgroup.procs of each leaf, written by the program before exec
  std::string memory, pids, cpu, v2;
};

std::string make_leaf(Cgroups& cg, const std::string& parent) {
  if (parent.empty()) return "";
  char name[64];
  std::snprintf(name, sizeof name, "/box-%d-%ld", getpid(), now_ms());
  std::string leaf = parent + name;
  if (mkdir(leaf.c_str(), 0700) != 0) fail_setup("cannot create cgroup " + leaf + ": " + std::strerror(errno));
  cg.leaves.push_back(leaf);
  int fd = open((leaf + "/cgroup.procs").c_str(), O_WRONLY);  // inherited by the program on purpose
  if (fd < 0) fail_setup("cannot open cgroup.procs in " + leaf);
  cg.proc_fds.push_back(fd);
  return leaf;
}

void setup_cgroups(const Options& o, Cgroups& cg) {
  std::string bytes = std::to_string(o.memory_kb * 1024L);
  std::string pids = std::to_string(o.processes);
  if (!o.cg_v2.empty()) {
    cg.v2 = make_leaf(cg, o.cg_v2);
    if (!write_file(cg.v2 + "/memory.max", bytes)) fail_setup("cannot set memory.max");
    write_file(cg.v2 + "/memory.swap.max", "0");
    if (!write_file(cg.v2 + "/pids.max", pids)) fail_setup("cannot set pids.max");
    return;
  }
  cg.memory = make_leaf(cg, o.cg_memory);
  if (!cg.memory.empty()) {
    if (!write_file(cg.memory + "/memory.limit_in_bytes", bytes)) fail_setup("cannot set memory limit");
    write_file(cg.memory + "/memory.memsw.limit_in_bytes", bytes);  // absent when swap accounting is off
  }
  cg.pids = make_leaf(cg, o.cg_pids);
  if (!cg.pids.empty() && !write_file(cg.pids + "/pids.max", pids)) fail_setup("cannot set pids.max");
  cg.cpu = make_leaf(cg, o.cg_cpu);
}

long cgroup_cpu_us(const Cgroups& cg) {
  if (!cg.v2.empty()) return keyed_value(read_small_file(cg.v2 + "/cpu.stat"), "usage_usec");
  if (!cg.cpu.empty()) {
    std::string text = read_small_file(cg.cpu + "/cpuacct.usage");
    return text.empty() ? -1 : std::atol(text.c_str()) / 1000;
  }
  return -1;
}

void remove_cgroups(Cgroups& cg) {
  for (int fd : cg.proc_fds) close(fd);
  for (const std::string& leaf : cg.leaves) {
    // All tasks are dead once init is reaped, but the kernel may still be detaching them for a moment.
    for (int attempt = 0; attempt < 200 && rmdir(leaf.c_str()) != 0 && errno == EBUSY; attempt++) usleep(1000);
  }
}

// ---- the box filesystem, built by init inside its own mount namespace ----

void must(bool ok, const std::string& what) {
  if (!ok) throw std::string(what + ": " + std::strerror(errno));
}

void mkdirs(const std::string& path) {
  for (size_t at = path.find('/', 1);; at = path.find('/', at + 1)) {
    std::string prefix = path.substr(0, at);
    if (mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST) must(false, "mkdir " + prefix);
    if (at == std::string::npos) return;
  }
}

void bind_mount(const std::string& source, const std::string& target, bool writable) {
  struct stat st;
  must(stat(source.c_str(), &st) == 0, "stat " + source);
  if (S_ISDIR(st.st_mode)) {
    mkdirs(target);
  } else {
    mkdirs(target.substr(0, target.rfind('/')));
    int fd = open(target.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    must(fd >= 0, "create " + target);
    close(fd);
  }
  must(mount(source.c_str(), target.c_str(), nullptr, MS_BIND | MS_REC, nullptr) == 0, "bind " + source);
  unsigned long flags = MS_REMOUNT | MS_BIND | MS_NOSUID | (writable ? 0 : MS_RDONLY);
  if (!S_ISCHR(st.st_mode)) flags |= MS_NODEV;
  must(mount(nullptr, target.c_str(), nullptr, flags, nullptr) == 0, "remount " + target);
}

// The host's system directories, read-only; symlinks (merged /usr) are recreated as symlinks.
void mirror_system_path(const std::string& root, const std::string& path) {
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) return;
  if (S_ISLNK(st.st_mode)) {
    char target[4096];
    ssize_t n = readlink(path.c_str(), target, sizeof target - 1);
    must(n > 0, "readlink " + path);
    target[n] = 0;
    must(symlink(target, (root + path).c_str()) == 0, "symlink " + path);
  } else {
    bind_mount(path, root + path, false);
  }
}

void build_root(const Options& o) {
  const std::string& root = o.root_dir;
  must(mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0, "make mounts private");
  must(mount("tmpfs", root.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=755") == 0, "mount root");
  for (const char* path : {"/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
    mirror_system_path(root, path);
  }
  mkdirs(root + "/etc");
  if (access("/etc/ld.so.cache", R_OK) == 0) bind_mount("/etc/ld.so.cache", root + "/etc/ld.so.cache", false);
  for (const char* dev : {"/dev/null", "/dev/zero", "/dev/random", "/dev/urandom"}) {
    bind_mount(dev, root + dev, true);
  }
  mkdirs(root + "/proc");
  must(mount("proc", (root + "/proc").c_str(), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) == 0,
       "mount proc");
  mkdirs(root + "/tmp");
  std::string tmp_opts = "size=" + std::to_string(o.scratch_kb) + "k,mode=1777";
  must(mount("tmpfs", (root + "/tmp").c_str(), "tmpfs", MS_NOSUID | MS_NODEV, tmp_opts.c_str()) == 0,
       "mount scratch");
  for (const Bind& b : o.binds) bind_mount(b.source, root + b.target, b.writable);
  must(mount(nullptr, root.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV,
             nullptr) == 0,
       "remount root read-only");
  must(chdir(root.c_str()) == 0, "chdir root");
  must(syscall(SYS_pivot_root, ".", ".") == 0, "pivot_root");
  must(umount2(".", MNT_DETACH) == 0, "detach old root");
  must(chdir("/") == 0, "chdir /");
}

// ---- the program: last steps before exec ----

void set_limit(int resource, rlim_t value, const char* name) {
  rlimit r{value, value};
  must(setrlimit(resource, &r) == 0, std::string("setrlimit ") + name);
}

[[noreturn]] void exec_program(const Options& o, const Cgroups& cg, int in_fd, int out_fd, int err_fd) {
  for (int fd : cg.proc_fds) must(write(fd, "0", 1) == 1, "join cgroup");
  must(dup2(in_fd, 0) == 0 && dup2(out_fd, 1) == 1 && dup2(err_fd, 2) == 2, "redirect stdio");
  rlim_t cpu_seconds = static_cast<rlim_t>(o.cpu_ms / 1000 + 2);  // backstop; the launcher enforces ms
  set_limit(RLIMIT_CPU, cpu_seconds, "cpu");
  set_limit(RLIMIT_STACK, static_cast<rlim_t>(o.stack_kb) * 1024, "stack");
  set_limit(RLIMIT_FSIZE, static_cast<rlim_t>(o.file_size_kb) * 1024, "fsize");
  set_limit(RLIMIT_NOFILE, static_cast<rlim_t>(o.open_files), "nofile");
  set_limit(RLIMIT_CORE, 0, "core");
  if (o.rlimit_as) set_limit(RLIMIT_AS, static_cast<rlim_t>(o.memory_kb) * 1024, "as");
  if (cg.pids.empty() && cg.v2.empty() && o.drop_user) {
    set_limit(RLIMIT_NPROC, static_cast<rlim_t>(o.processes), "nproc");
  }
  must(chdir(o.cwd.c_str()) == 0, "chdir " + o.cwd);
  if (o.drop_user) {
    must(setgroups(0, nullptr) == 0, "setgroups");
    must(setresgid(o.gid, o.gid, o.gid) == 0, "setgid");
    must(setresuid(o.uid, o.uid, o.uid) == 0, "setuid");
  }
  must(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0, "no_new_privs");
  syscall(SYS_close_range, 3U, ~0U, 0U);
  std::vector<char*> args, envp;
  for (const std::string& a : o.argv) args.push_back(const_cast<char*>(a.c_str()));
  for (const std::string& e : o.env) envp.push_back(const_cast<char*>(e.c_str()));
  args.push_back(nullptr);
  envp.push_back(nullptr);
  execve(args[0], args.data(), envp.data());
  must(false, "exec " + o.argv[0]);
  _exit(127);
}

void send_report(int fd, ChildReport report) { (void)!write(fd, &report, sizeof report); }

// init: pid 1 of the box in namespace mode, or a plain intermediate process without namespaces.
[[noreturn]] void run_init(const Options& o, const Cgroups& cg, int fds[4], int report_fd) {
  ChildReport report{};
  try {
    if (o.namespaces) {
      build_root(o);
      sethostname("box", 3);
    } else {
      must(setpgid(0, 0) == 0, "setpgid");
    }
  } catch (const std::string& message) {
    report.stage = 1;
    std::snprintf(report.message, sizeof report.message, "%s", message.c_str());
    send_report(report_fd, report);
    _exit(1);
  }
  int exec_pipe[2];
  if (pipe2(exec_pipe, O_CLOEXEC) != 0) _exit(1);
  pid_t program = fork();
  if (program == 0) {
    try {
      exec_program(o, cg, fds[0], fds[1], fds[2]);
    } catch (const std::string& message) {
      (void)!write(exec_pipe[1], message.c_str(), message.size());
      _exit(127);
    }
  }
  close(exec_pipe[1]);
  char exec_error[200] = {0};
  ssize_t n = read(exec_pipe[0], exec_error, sizeof exec_error - 1);
  if (n > 0) {
    report.stage = 1;
    std::snprintf(report.message, sizeof report.message, "%s", exec_error);
    waitpid(program, nullptr, 0);
    send_report(report_fd, report);
    _exit(1);
  }
  rusage usage{};
  int status = 0;
  for (;;) {  // as pid 1 we also reap orphans; stop when the program itself is done
    pid_t done = wait4(-1, &status, 0, &usage);
    if (done == program) break;
    if (done < 0 && errno != EINTR) break;
  }
  report.wait_status = status;
  report.utime_us = usage.ru_utime.tv_sec * 1000000L + usage.ru_utime.tv_usec;
  report.stime_us = usage.ru_stime.tv_sec * 1000000L + usage.ru_stime.tv_usec;
  report.maxrss_kb = usage.ru_maxrss;
  send_report(report_fd, report);
  _exit(0);
}

int open_or_fail(const std::string& path, int flags, const char* what) {
  // 0644: a checker running as the box user reads the program's output file.
  int fd = open(path.c_str(), flags | O_CLOEXEC, 0644);
  if (fd < 0) fail_setup(std::string("cannot open ") + what + " " + path + ": " + std::strerror(errno));
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  signal(SIGPIPE, SIG_IGN);
  int in_fd = open_or_fail(o.stdin_path.empty() ? "/dev/null" : o.stdin_path, O_RDONLY, "stdin");
  int out_file = open_or_fail(o.stdout_path.empty() ? "/dev/null" : o.stdout_path,
                              O_WRONLY | O_CREAT | O_TRUNC, "stdout");
  int err_file = open_or_fail(o.stderr_path.empty() ? "/dev/null" : o.stderr_path,
                              O_WRONLY | O_CREAT | O_TRUNC, "stderr");
  int out_pipe[2], err_pipe[2], report_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) || pipe2(err_pipe, O_CLOEXEC) || pipe2(report_pipe, O_CLOEXEC)) {
    fail_setup("pipe failed");
  }
  Cgroups cg;
  setup_cgroups(o, cg);

  long started = now_ms();
  unsigned long flags = SIGCHLD;
  if (o.namespaces) flags |= CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS;
  pid_t init = static_cast<pid_t>(syscall(SYS_clone, flags, nullptr, nullptr, nullptr, 0));
  if (init < 0) {
    remove_cgroups(cg);
    fail_setup(std::string("clone failed: ") + std::strerror(errno));
  }
  if (init == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    int fds[4] = {in_fd, out_pipe[1], err_pipe[1], -1};
    run_init(o, cg, fds, report_pipe[1]);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  close(report_pipe[1]);
  close(in_fd);

  // Pump output into the files, stop at the combined limit, and watch CPU and wall time.
  const char* killed_by = nullptr;
  long written = 0, stdout_bytes = 0, stderr_bytes = 0;
  bool truncated = false, report_done = false;
  ChildReport report{};
  size_t report_got = 0;
  pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {report_pipe[0], POLLIN, 0}};
  static char buf[1 << 16];
  auto kill_box = [&](const char* why) {
    if (killed_by == nullptr) killed_by = why;
    kill(o.namespaces ? init : -init, SIGKILL);
    if (!o.namespaces) kill(init, SIGKILL);
  };
  while (fds[0].fd >= 0 || fds[1].fd >= 0 || !report_done) {
    long elapsed = now_ms() - started;
    if (killed_by == nullptr && elapsed > o.wall_ms) kill_box("wall");
    long cpu_us = cgroup_cpu_us(cg);
    if (killed_by == nullptr && cpu_us > o.cpu_ms * 1000L) kill_box("cpu");
    int timeout = killed_by ? 50 : static_cast<int>(std::min(20L, std::max(1L, o.wall_ms - elapsed + 1)));
    int ready = poll(fds, 3, timeout);
    if (ready < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; i++) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        continue;
      }
      (i == 0 ? stdout_bytes : stderr_bytes) += n;
      long room = o.output_bytes - written;
      long keep = std::min<long>(n, std::max(0L, room));
      if (keep > 0 && write(i == 0 ? out_file : err_file, buf, keep) == keep) written += keep;
      if (n > room) {
        truncated = true;
        kill_box("output");
      }
    }
    if (!report_done && (fds[2].revents & (POLLIN | POLLHUP | POLLERR))) {
      ssize_t n = read(report_pipe[0], reinterpret_cast<char*>(&report) + report_got, sizeof report - report_got);
      if (n > 0) report_got += n;
      if (n <= 0 || report_got == sizeof report) {
        report_done = true;
        fds[2].fd = -1;
        // Init exits right after reporting and takes the whole pid namespace with it; without namespaces,
        // kill the program's process group so background children do not keep the output pipes open.
        if (!o.namespaces) kill(-init, SIGKILL);
      }
    }
  }
  int init_status = 0;
  waitpid(init, &init_status, 0);
  long wall_ms = now_ms() - started;
  long cpu_us = cgroup_cpu_us(cg);
  long peak_kb = -1;
  bool oom_killed = false, pids_hit = false;
  if (!cg.v2.empty()) {
    std::string peak = read_small_file(cg.v2 + "/memory.peak");
    if (!peak.empty()) peak_kb = std::atol(peak.c_str()) / 1024;
    oom_killed = keyed_value(read_small_file(cg.v2 + "/memory.events"), "oom_kill") > 0;
    pids_hit = keyed_value(read_small_file(cg.v2 + "/pids.events"), "max") > 0;
  }
  if (!cg.memory.empty()) {
    peak_kb = std::atol(read_small_file(cg.memory + "/memory.max_usage_in_bytes").c_str()) / 1024;
    oom_killed = keyed_value(read_small_file(cg.memory + "/memory.oom_control"), "oom_kill") > 0;
    if (!oom_killed) oom_killed = std::atol(read_small_file(cg.memory + "/memory.failcnt").c_str()) > 0 &&
                                  peak_kb >= o.memory_kb - 64;
  }
  if (!cg.pids.empty()) pids_hit = keyed_value(read_small_file(cg.pids + "/pids.events"), "max") > 0;
  remove_cgroups(cg);

  if (report_got != sizeof report) {
    if (killed_by == nullptr) fail_setup("box init ended without a report");
    report.wait_status = W_EXITCODE(0, SIGKILL);  // killed before the program could be reaped
  } else if (report.stage == 1) {
    fail_setup(report.message);
  }
  if (cpu_us < 0) cpu_us = report.utime_us + report.stime_us;
  // cgroup v1 does not charge shared library pages already cached by others; ru_maxrss does, so take the larger.
  peak_kb = std::max(peak_kb, report.maxrss_kb);
  int ws = report.wait_status;
  std::printf(
      "{\"status\":\"finished\",\"exit_code\":%d,\"signal\":%d,\"cpu_ms\":%ld,\"wall_ms\":%ld,"
      "\"memory_kb\":%ld,\"maxrss_kb\":%ld,\"stdout_bytes\":%ld,\"stderr_bytes\":%ld,\"output_truncated\":%s,"
      "\"killed_by\":%s%s%s,\"oom_killed\":%s,\"process_limit_hit\":%s}\n",
      WIFEXITED(ws) ? WEXITSTATUS(ws) : -1, WIFSIGNALED(ws) ? WTERMSIG(ws) : 0, cpu_us / 1000, wall_ms, peak_kb,
      report.maxrss_kb, stdout_bytes, stderr_bytes, truncated ? "true" : "false", killed_by ? "\"" : "",
      killed_by ? killed_by : "null", killed_by ? "\"" : "", oom_killed ? "true" : "false",
      pids_hit ? "true" : "false");
  return 0;
}
