// alloccount: an LD_PRELOAD library that counts a process's heap allocations (malloc, calloc,
// realloc, posix_memalign, aligned_alloc, memalign) across all threads, and writes the count so
// far to the file named by ALLOCCOUNT_FILE each time the process receives SIGUSR2 — so that a
// benchmark can read the count before and after N requests and divide (Benchmarks/server-cost.sh).
// Valgrind would do this, but Debian 12's 3.19 cannot read the Swift toolchain's DWARF 5.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_ulong allocations;
static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
static void *(*real_memalign)(size_t, size_t);

// dlsym may call calloc before real_calloc is known: serve that from a static buffer.
static char bootstrap[4096];
static size_t bootstrap_used;
static int resolving;

static void report(int signal) {
    (void)signal;
    const char *path = getenv("ALLOCCOUNT_FILE");
    if (!path) return;
    char text[32];
    unsigned long value = atomic_load(&allocations);
    int n = 0;
    char digits[24];
    do { digits[n++] = (char)('0' + value % 10); value /= 10; } while (value);
    for (int i = 0; i < n; i++) text[i] = digits[n - 1 - i];
    text[n] = '\n';
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) { (void)!write(fd, text, (size_t)n + 1); close(fd); }
}

__attribute__((constructor)) static void start(void) {
    resolving = 1;
    real_malloc = dlsym(RTLD_NEXT, "malloc");
    real_calloc = dlsym(RTLD_NEXT, "calloc");
    real_realloc = dlsym(RTLD_NEXT, "realloc");
    real_posix_memalign = dlsym(RTLD_NEXT, "posix_memalign");
    real_aligned_alloc = dlsym(RTLD_NEXT, "aligned_alloc");
    real_memalign = dlsym(RTLD_NEXT, "memalign");
    resolving = 0;
    struct sigaction action = {.sa_handler = report, .sa_flags = SA_RESTART};
    sigaction(SIGUSR2, &action, NULL);
}

static int in_bootstrap(void *p) { return (char *)p >= bootstrap && (char *)p < bootstrap + sizeof bootstrap; }

void *malloc(size_t size) {
    if (!real_malloc) start();
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    return real_malloc(size);
}

void *calloc(size_t count, size_t size) {
    if (!real_calloc) {
        if (resolving) {
            size_t bytes = (count * size + 15) & ~(size_t)15;
            if (bootstrap_used + bytes > sizeof bootstrap) return NULL;
            void *p = bootstrap + bootstrap_used;
            bootstrap_used += bytes;
            return p;  // static storage is zeroed
        }
        start();
    }
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    return real_calloc(count, size);
}

void *realloc(void *p, size_t size) {
    if (!real_realloc) start();
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    return real_realloc(p, size);
}

void free(void *p) {
    static void (*real_free)(void *);
    if (in_bootstrap(p)) return;
    if (!real_free) real_free = dlsym(RTLD_NEXT, "free");
    real_free(p);
}

int posix_memalign(void **out, size_t alignment, size_t size) {
    if (!real_posix_memalign) start();
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    return real_posix_memalign(out, alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    if (!real_aligned_alloc) start();
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    return real_aligned_alloc(alignment, size);
}

void *memalign(size_t alignment, size_t size) {
    if (!real_memalign) start();
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    return real_memalign(alignment, size);
}
