// The doctest runner for the core: the same binary is built natively and as
// wasm (run under Node by ctest).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
