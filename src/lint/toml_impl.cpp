// toml++ compiled into sagelint rather than loaded from libtomlplusplus.so at each start
// (issue 12, start-up): every other file includes it with TOML_HEADER_ONLY=0 (the sagelint_toml
// target in CMakeLists.txt), this one holds its implementation.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
