//===- LimitsTest.cpp - Fuel, interrupts, timeouts, stack budget ----------===//
//
// The runtime side of the resource limits: wk_parse_limits, the fuel and
// interrupt API, the timer thread, instantiation options and the stack
// budget of wk_invoke. C functions play generated code: they make the
// checks IRGenFuel.cpp emits (decrement fuel, test the interrupt flag) and
// call wk_trap_interrupt when one fails.
//
//===----------------------------------------------------------------------===//

#include "Helpers.h"

#include <gtest/gtest.h>

#include <chrono>
#include <pthread.h>
#include <thread>

using namespace wktest;

namespace {

/// One check as generated code makes it.
void check(wk_instance *instance, const char *name) {
  int64_t left = --instance->fuel;
  if (__atomic_load_n(&instance->interrupt, __ATOMIC_RELAXED) || left < 0)
    wk_trap_interrupt(instance, name);
}

/// Makes n checks; returns n.
int32_t burn(void *ctx, int32_t n) {
  for (int32_t i = 0; i < n; ++i)
    check(static_cast<wk_instance *>(ctx), "burn");
  return n;
}

/// Checks forever (only the interrupt flag can stop it).
int32_t spin(void *ctx, int32_t) {
  auto *instance = static_cast<wk_instance *>(ctx);
  for (;;) {
    if (__atomic_load_n(&instance->interrupt, __ATOMIC_RELAXED))
      wk_trap_interrupt(instance, "spin");
  }
}

/// How far below the caller's stack the limit is, from inside the call.
int32_t budget(void *ctx, int32_t) {
  auto *instance = static_cast<wk_instance *>(ctx);
  uintptr_t here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  return int32_t((here - instance->stack_limit) >> 10); // KiB
}

struct Limited {
  explicit Limited(uint32_t checks,
                   const wk_instantiate_options *options = nullptr) {
    uint32_t sig = b.type("i:i", entryI_I);
    b.exportAs("burn", WK_EXTERN_FUNC,
               b.func(reinterpret_cast<void *>(burn), sig, "burn"));
    b.exportAs("spin", WK_EXTERN_FUNC,
               b.func(reinterpret_cast<void *>(spin), sig, "spin"));
    b.exportAs("budget", WK_EXTERN_FUNC,
               b.func(reinterpret_cast<void *>(budget), sig, "budget"));
    b.module.interrupt_checks = checks;
    status =
        wk_instantiate(b.finish(), options, &instance, error, sizeof error);
  }
  ~Limited() { wk_instance_free(instance); }
  wk_trap call(const char *name, int32_t arg, int32_t *result = nullptr) {
    wk_extern ext{};
    EXPECT_EQ(wk_instance_export(instance, name, &ext), 0);
    wk_value io[1] = {};
    io[0].i32 = arg;
    wk_trap trap = wk_invoke(ext.u.func, io, io);
    if (result)
      *result = io[0].i32;
    return trap;
  }
  ModuleBuilder b;
  wk_instance *instance = nullptr;
  wk_status status;
  char error[256] = "";
};

} // namespace

/*---- The text form ----*/

TEST(Limits, ParseEveryKey) {
  wk_instantiate_options o{};
  char err[128];
  ASSERT_EQ(wk_parse_limits("max-memory=64M;max-stack=1M\nfuel=1000; "
                            "timeout=2.5\n",
                            &o, err, sizeof err),
            0)
      << err;
  EXPECT_EQ(o.max_memory_pages, 1024u);
  EXPECT_EQ(o.max_stack_bytes, 1u << 20);
  EXPECT_EQ(o.fuel, 1000);
  EXPECT_EQ(o.timeout_ms, 2500u);
  // Suffixes, pages, later entries win, empty text changes nothing.
  ASSERT_EQ(wk_parse_limits("max-memory=3p;max-stack=64KiB;timeout=0.05;"
                            "timeout=7",
                            &o, err, sizeof err),
            0)
      << err;
  EXPECT_EQ(o.max_memory_pages, 3u);
  EXPECT_EQ(o.max_stack_bytes, 64u << 10);
  EXPECT_EQ(o.timeout_ms, 7000u);
  EXPECT_EQ(wk_parse_limits("", &o, err, sizeof err), 0);
  EXPECT_EQ(wk_parse_limits(nullptr, &o, err, sizeof err), 0);
  EXPECT_EQ(o.fuel, 1000);
  ASSERT_EQ(
      wk_parse_limits("max-memory=1G;max-memory=100G", &o, err, sizeof err), 0);
  // Not capped at 4 GiB: the limit applies to 64-bit memories too (a
  // 32-bit memory caps it at 4 GiB itself, memory.c).
  EXPECT_EQ(o.max_memory_pages, uint64_t(100) << 14);
}

TEST(Limits, ParseErrors) {
  const char *bad[] = {
      "fuel",           "fuel=",          "fuel=0",
      "fuel=-1",        "fuel=1e3",       "timeout=0",
      "timeout=1.2345", "timeout=.",      "max-stack=0",
      "max-memory=1x",  "max-memory=5Kp", "max-memory=1000",
      "speed=9",        "max-memory= 1M", "fuel=99999999999999999999"};
  for (const char *text : bad) {
    wk_instantiate_options o{};
    char err[128] = "";
    EXPECT_EQ(wk_parse_limits(text, &o, err, sizeof err), -1) << text;
    EXPECT_NE(err[0], '\0') << text;
  }
  wk_instantiate_options o{};
  char err[128];
  wk_parse_limits("speed=9", &o, err, sizeof err);
  EXPECT_STREQ(err, "unknown resource limit 'speed' (max-memory, max-stack, "
                    "fuel or timeout)");
}

/*---- Fuel and interrupts ----*/

TEST(Limits, UncheckedModulesRefuseLimits) {
  Limited plain(WK_CHECKS_NONE);
  ASSERT_EQ(plain.status, WK_OK) << plain.error;
  EXPECT_EQ(wk_instance_set_fuel(plain.instance, 5), -1);
  EXPECT_EQ(wk_instance_fuel(plain.instance), INT64_MAX);
  EXPECT_EQ(wk_instance_set_timeout(plain.instance, 1000), -1);
  EXPECT_EQ(wk_instance_interrupt(plain.instance), -1);

  wk_instantiate_options fuel{};
  fuel.fuel = 10;
  Limited noFuel(WK_CHECKS_INTERRUPT, &fuel);
  EXPECT_EQ(noFuel.status, WK_ERR_RESOURCE);
  EXPECT_STREQ(noFuel.error, "a fuel limit needs a module compiled with fuel "
                             "checks (--fuel)");
  wk_instantiate_options timeout{};
  timeout.timeout_ms = 10;
  Limited noChecks(WK_CHECKS_NONE, &timeout);
  EXPECT_EQ(noChecks.status, WK_ERR_RESOURCE);
}

TEST(Limits, FuelCountsDownAndTraps) {
  wk_instantiate_options options{};
  options.fuel = 10;
  Limited l(WK_CHECKS_FUEL, &options);
  ASSERT_EQ(l.status, WK_OK) << l.error;
  EXPECT_EQ(wk_instance_fuel(l.instance), 10);
  EXPECT_EQ(l.call("burn", 4), WK_TRAP_NONE);
  EXPECT_EQ(wk_instance_fuel(l.instance), 6);
  EXPECT_EQ(l.call("burn", 6), WK_TRAP_NONE); // exactly enough
  EXPECT_EQ(l.call("burn", 1), WK_TRAP_OUT_OF_FUEL);
  EXPECT_STREQ(wk_trap_message(WK_TRAP_OUT_OF_FUEL), "out of fuel");
  EXPECT_STREQ(wk_trap_function(), "burn");
  EXPECT_LT(wk_instance_fuel(l.instance), 0);
  EXPECT_EQ(wk_instance_set_fuel(l.instance, 100), 0);
  int32_t result = 0;
  EXPECT_EQ(l.call("burn", 50, &result), WK_TRAP_NONE);
  EXPECT_EQ(result, 50);
  EXPECT_EQ(wk_instance_fuel(l.instance), 50);
}

TEST(Limits, UnsetFuelIsUnlimited) {
  Limited l(WK_CHECKS_FUEL);
  ASSERT_EQ(l.status, WK_OK) << l.error;
  EXPECT_EQ(wk_instance_fuel(l.instance), INT64_MAX);
  EXPECT_EQ(l.call("burn", 100000), WK_TRAP_NONE);
}

TEST(Limits, InterruptStaysUntilCleared) {
  Limited l(WK_CHECKS_INTERRUPT);
  ASSERT_EQ(l.status, WK_OK) << l.error;
  EXPECT_EQ(l.call("burn", 3), WK_TRAP_NONE);
  EXPECT_EQ(wk_instance_interrupt(l.instance), 0);
  EXPECT_EQ(l.call("burn", 3), WK_TRAP_INTERRUPTED);
  EXPECT_STREQ(wk_trap_message(WK_TRAP_INTERRUPTED), "interrupted");
  EXPECT_EQ(l.call("burn", 3), WK_TRAP_INTERRUPTED);
  wk_instance_clear_interrupt(l.instance);
  EXPECT_EQ(l.call("burn", 3), WK_TRAP_NONE);
}

TEST(Limits, InterruptFromAnotherThread) {
  Limited l(WK_CHECKS_INTERRUPT);
  ASSERT_EQ(l.status, WK_OK) << l.error;
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    wk_instance_interrupt(l.instance);
  });
  EXPECT_EQ(l.call("spin", 0), WK_TRAP_INTERRUPTED);
  stopper.join();
}

/*---- Timeouts ----*/

TEST(Limits, TimeoutStopsSpinningCode) {
  Limited l(WK_CHECKS_INTERRUPT);
  ASSERT_EQ(l.status, WK_OK) << l.error;
  auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(wk_instance_set_timeout(l.instance, 50), 0);
  EXPECT_EQ(l.call("spin", 0), WK_TRAP_TIMEOUT);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, std::chrono::milliseconds(45));
  EXPECT_LT(elapsed, std::chrono::seconds(10));
  EXPECT_STREQ(wk_trap_message(WK_TRAP_TIMEOUT), "timeout");
  EXPECT_STREQ(wk_trap_function(), "spin");
  // Re-arming clears the expired timeout's flag.
  ASSERT_EQ(wk_instance_set_timeout(l.instance, 60000), 0);
  EXPECT_EQ(l.call("burn", 3), WK_TRAP_NONE);
  ASSERT_EQ(wk_instance_set_timeout(l.instance, 0), 0);
}

TEST(Limits, CancelledAndFreedTimeoutsNeverFire) {
  Limited cancelled(WK_CHECKS_FUEL);
  ASSERT_EQ(cancelled.status, WK_OK);
  ASSERT_EQ(wk_instance_set_timeout(cancelled.instance, 10), 0);
  ASSERT_EQ(wk_instance_set_timeout(cancelled.instance, 0), 0);
  {
    // Freed with a pending deadline: the timer must not touch it (ASan).
    Limited freed(WK_CHECKS_INTERRUPT);
    ASSERT_EQ(wk_instance_set_timeout(freed.instance, 10), 0);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(cancelled.instance->interrupt, 0u);
  EXPECT_EQ(cancelled.call("burn", 3), WK_TRAP_NONE);
}

TEST(Limits, TimeoutOptionCoversTheStartFunction) {
  ModuleBuilder b;
  uint32_t sig = b.type(":", entryVoid);
  b.module.start_func =
      int32_t(b.func(reinterpret_cast<void *>(+[](void *ctx) { spin(ctx, 0); }),
                     sig, "start"));
  b.module.interrupt_checks = WK_CHECKS_INTERRUPT;
  wk_instantiate_options options{};
  options.timeout_ms = 30;
  wk_instance *instance = nullptr;
  char error[128];
  EXPECT_EQ(
      wk_instantiate(b.finish(), &options, &instance, error, sizeof error),
      WK_ERR_UNINSTANTIABLE);
  EXPECT_STREQ(error, "timeout");
  EXPECT_EQ(instance, nullptr);
}

/*---- Stack budget ----*/

TEST(Limits, MaxStackSetsTheLimitBelowTheCaller) {
  wk_instantiate_options options{};
  options.max_stack_bytes = 64 << 10;
  Limited l(WK_CHECKS_NONE, &options);
  ASSERT_EQ(l.status, WK_OK) << l.error;
  int32_t kib = 0;
  ASSERT_EQ(l.call("budget", 0, &kib), WK_TRAP_NONE);
  // wk_invoke's own frames lie between the budget's start and the callee.
  EXPECT_LE(kib, 64);
  EXPECT_GE(kib, 56);

  Limited unlimited(WK_CHECKS_NONE);
  ASSERT_EQ(unlimited.call("budget", 0, &kib), WK_TRAP_NONE);
  EXPECT_GT(kib, 64); // the thread's stack (the test runs on 8 MiB)
}

TEST(Limits, RunOnStackGivesABigStack) {
  struct Probe {
    size_t size = 0;
  } probe;
  ASSERT_EQ(wk_run_on_stack(
                64 << 20,
                [](void *arg) {
                  pthread_attr_t attr;
                  void *addr;
                  size_t size = 0;
                  pthread_getattr_np(pthread_self(), &attr);
                  pthread_attr_getstack(&attr, &addr, &size);
                  pthread_attr_destroy(&attr);
                  static_cast<Probe *>(arg)->size = size;
                },
                &probe),
            0);
  EXPECT_GE(probe.size, size_t(64) << 20);

  // A big budget on such a thread is honoured in full.
  struct Run {
    int32_t kib = 0;
  } run;
  ASSERT_EQ(wk_run_on_stack(
                32 << 20,
                [](void *arg) {
                  wk_instantiate_options options{};
                  options.max_stack_bytes = 32 << 20;
                  Limited l(WK_CHECKS_NONE, &options);
                  l.call("budget", 0, &static_cast<Run *>(arg)->kib);
                },
                &run),
            0);
  EXPECT_GE(run.kib, (32 << 10) - 8);
  EXPECT_LE(run.kib, 32 << 10);
}
