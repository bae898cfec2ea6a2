// xxHash from Debian's libxxhash-dev (the reference implementation by its author, Yann Collet).
// Only the stable API is used: streaming states come from XXH64_createState, as the header asks
// of programs that link the shared library.
#include <xxhash.h>
