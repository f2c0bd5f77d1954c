//===- TrapTest.cpp - Trap messages, wk_invoke, nesting, exits, signals --===//

#include "Helpers.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstring>
#include <sys/mman.h>
#include <thread>
#include <unistd.h>

using namespace wktest;

#if defined(__SANITIZE_ADDRESS__)
#define WK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WK_ASAN 1
#endif
#endif

TEST(Trap, Messages) {
  EXPECT_STREQ(wk_trap_message(WK_TRAP_UNREACHABLE), "unreachable");
  EXPECT_STREQ(wk_trap_message(WK_TRAP_INT_DIV_ZERO), "integer divide by zero");
  EXPECT_STREQ(wk_trap_message(WK_TRAP_INT_OVERFLOW), "integer overflow");
  EXPECT_STREQ(wk_trap_message(WK_TRAP_INVALID_CONVERSION),
               "invalid conversion to integer");
  EXPECT_STREQ(wk_trap_message(WK_TRAP_MEMORY_OOB),
               "out of bounds memory access");
  EXPECT_STREQ(wk_trap_message(WK_TRAP_TABLE_OOB),
               "out of bounds table access");
  EXPECT_STREQ(wk_trap_message(WK_TRAP_UNDEFINED_ELEMENT), "undefined element");
  EXPECT_STREQ(wk_trap_message(WK_TRAP_UNINITIALIZED_ELEMENT),
               "uninitialized element");
  EXPECT_STREQ(wk_trap_message(WK_TRAP_INDIRECT_TYPE_MISMATCH),
               "indirect call type mismatch");
  EXPECT_STREQ(wk_trap_message(WK_TRAP_STACK_EXHAUSTED),
               "call stack exhausted");
  EXPECT_STREQ(wk_trap_message(WK_TRAP_EXIT), "exit");
  EXPECT_STREQ(wk_trap_message(WK_TRAP_COUNT), "unknown trap");
}

static int32_t divide(void *, int32_t a, int32_t b) {
  if (b == 0)
    wk_trap_at(WK_TRAP_INT_DIV_ZERO, "divide");
  return a / b;
}

static wk_func makeFunc(void *code, const char *sig, wk_entry_fn entry,
                        void *ctx = nullptr) {
  wk_func f{};
  f.code = code;
  f.ctx = ctx;
  f.type_id = wk_intern_type(sig);
  f.entry = entry;
  f.name = "test";
  return f;
}

TEST(Trap, InvokeReturnsResultsOrTrap) {
  wk_func f = makeFunc(reinterpret_cast<void *>(divide), "ii:i", entryII_I);
  wk_value args[2], results[1];
  args[0].i32 = 42;
  args[1].i32 = 5;
  ASSERT_EQ(wk_invoke(&f, args, results), WK_TRAP_NONE);
  EXPECT_EQ(results[0].i32, 8);
  args[1].i32 = 0;
  EXPECT_EQ(wk_invoke(&f, args, results), WK_TRAP_INT_DIV_ZERO);
  EXPECT_STREQ(wk_trap_function(), "divide");
  args[1].i32 = 2; // still usable after the trap
  ASSERT_EQ(wk_invoke(&f, args, results), WK_TRAP_NONE);
  EXPECT_EQ(results[0].i32, 21);
}

// Many parameters: more than wk_invoke keeps inline.
static void sum20(void *, void *, wk_value *io) {
  int64_t sum = 0;
  for (int i = 0; i < 20; ++i)
    sum += io[i].i64;
  io[0].i64 = sum;
}

TEST(Trap, InvokeWithManyParameters) {
  wk_func f = makeFunc(nullptr, "llllllllllllllllllll:l", sum20);
  wk_value args[20], result[1];
  for (int i = 0; i < 20; ++i)
    args[i].i64 = i + 1;
  ASSERT_EQ(wk_invoke(&f, args, result), WK_TRAP_NONE);
  EXPECT_EQ(result[0].i64, 210);
}

TEST(Trap, UnknownTypeIsAHostTrap) {
  wk_func f = makeFunc(nullptr, ":", entryVoid);
  f.type_id = 0x7fffffff;
  EXPECT_EQ(wk_invoke(&f, nullptr, nullptr), WK_TRAP_HOST);
  f.type_id = wk_intern_type(":");
  f.entry = nullptr;
  EXPECT_EQ(wk_invoke(&f, nullptr, nullptr), WK_TRAP_HOST);
}

// host -> wasm -> host -> wasm: the inner trap ends only the inner call.
struct Nested {
  wk_trap innerTrap = WK_TRAP_NONE;
  bool afterInner = false;
  bool trapAfter = false;
};
static void inner(void *, void *, wk_value *) {
  wk_trap_at(WK_TRAP_UNREACHABLE, "inner");
}
static void outer(void *, void *ctx, wk_value *) {
  auto *state = static_cast<Nested *>(ctx);
  wk_func f = makeFunc(nullptr, ":", inner);
  state->innerTrap = wk_invoke(&f, nullptr, nullptr);
  state->afterInner = true;
  if (state->trapAfter)
    wk_raise_trap(WK_TRAP_HOST, "outer gave up");
}

TEST(Trap, NestedInvokeInnerTrap) {
  Nested state;
  wk_func f = makeFunc(nullptr, ":", outer, &state);
  EXPECT_EQ(wk_invoke(&f, nullptr, nullptr), WK_TRAP_NONE);
  EXPECT_EQ(state.innerTrap, WK_TRAP_UNREACHABLE);
  EXPECT_TRUE(state.afterInner);

  state = Nested();
  state.trapAfter = true;
  EXPECT_EQ(wk_invoke(&f, nullptr, nullptr), WK_TRAP_HOST);
  EXPECT_EQ(state.innerTrap, WK_TRAP_UNREACHABLE);
  EXPECT_STREQ(wk_trap_host_message(), "outer gave up");
  EXPECT_STREQ(wk_trap_message(WK_TRAP_HOST), "outer gave up");
  EXPECT_EQ(wk_trap_function(), nullptr);
}

TEST(Trap, RaiseWithoutMessage) {
  EXPECT_EQ(invokeLambda([] { wk_raise_trap(WK_TRAP_HOST, nullptr); }),
            WK_TRAP_HOST);
  EXPECT_EQ(wk_trap_host_message(), nullptr);
  EXPECT_STREQ(wk_trap_message(WK_TRAP_HOST), "host trap");
  EXPECT_EQ(invokeLambda([] { wk_raise_trap(WK_TRAP_TABLE_OOB, "t"); }),
            WK_TRAP_TABLE_OOB);
}

TEST(Trap, RaiseExit) {
  int after = 0;
  EXPECT_EQ(invokeLambda([&] {
              wk_raise_exit(7);
              after = 1;
            }),
            WK_TRAP_EXIT);
  EXPECT_EQ(after, 0);
  EXPECT_EQ(wk_exit_code(), 7);
  EXPECT_EQ(invokeLambda([] { wk_raise_exit(0); }), WK_TRAP_EXIT);
  EXPECT_EQ(wk_exit_code(), 0);
}

TEST(Trap, TrapOnAnotherThreadIsIndependent) {
  wk_trap other = WK_TRAP_NONE;
  std::thread thread([&] {
    other = invokeLambda([] { wk_trap_at(WK_TRAP_INT_OVERFLOW, "t"); });
  });
  thread.join();
  EXPECT_EQ(other, WK_TRAP_INT_OVERFLOW);
  EXPECT_EQ(invokeLambda([] {}), WK_TRAP_NONE);
}

TEST(TrapDeathTest, TrapOutsideInvokeExits134) {
  EXPECT_EXIT(wk_trap_at(WK_TRAP_UNREACHABLE, "lonely"),
              testing::ExitedWithCode(WK_TRAP_EXIT_STATUS),
              "wasm trap: unreachable in lonely");
  EXPECT_EXIT(wk_raise_exit(3), testing::ExitedWithCode(3), "");
}

// A fault outside any wasm memory goes to the handler installed before
// ours, even inside wk_invoke.
static void previousHandler(int, siginfo_t *, void *) { _exit(42); }

static void installPreviousThenFault(bool insideInvoke) {
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_sigaction = previousHandler;
  action.sa_flags = SA_SIGINFO;
  sigaction(SIGSEGV, &action, nullptr);
  wk_install_signal_handlers();
  void *page =
      mmap(nullptr, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  static volatile char *target;
  target = static_cast<char *>(page);
  if (insideInvoke)
    invokeLambda([] { (void)*target; });
  else
    (void)*target;
  _exit(1);
}

TEST(TrapDeathTest, ForeignFaultChainsToPreviousHandler) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(installPreviousThenFault(true), testing::ExitedWithCode(42), "");
  EXPECT_EXIT(installPreviousThenFault(false), testing::ExitedWithCode(42), "");
}

static void faultWithDefaultDisposition() {
  signal(SIGSEGV, SIG_DFL);
  wk_install_signal_handlers();
  static volatile char *target;
  target = static_cast<char *>(
      mmap(nullptr, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  (void)*target;
  _exit(1);
}

TEST(TrapDeathTest, ForeignFaultWithDefaultHandlerStillKills) {
#ifdef WK_ASAN
  GTEST_SKIP() << "ASan owns SIGSEGV reporting";
#endif
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(faultWithDefaultDisposition(), testing::KilledBySignal(SIGSEGV),
              "");
}

// Unbounded native recursion inside wk_invoke: the fault below the stack
// limit becomes a trap (generated code checks earlier; this is the net).
WK_LIKE_GENERATED_CODE static int recurse(volatile int depth) {
  volatile char pad[512];
  pad[0] = (char)depth;
  return recurse(depth + 1) + pad[0];
}

TEST(Trap, NativeStackOverflowIsStackExhausted) {
#ifdef WK_ASAN
  GTEST_SKIP() << "ASan reports stack overflows itself";
#endif
  wk_install_signal_handlers();
  EXPECT_EQ(invokeLambda([] { recurse(0); }), WK_TRAP_STACK_EXHAUSTED);
  // And again: the alternate stack and the signal mask were restored.
  EXPECT_EQ(invokeLambda([] { recurse(0); }), WK_TRAP_STACK_EXHAUSTED);
}
