// loadgen: a closed-loop load generator in C for podsim's wire protocol and for Redis (RESP PING),
// so that the client is the same — and cheap — on both sides of a comparison.
//
//   loadgen --proto podsim|resp --port N [--host 127.0.0.1] [--connections 1] [--seconds 5]
//           [--warmup 1] [--op ping|similar] [--episode ID] [--k 10] [--requests N]
//
// --requests N stops after N answers in all (warm-up included) instead of after the time: a fixed
// amount of work, for profilers and counters, where time means little.
// One thread, epoll, non-blocking sockets with TCP_NODELAY; each connection keeps one request in
// flight (send, wait for the whole answer, send the next), so requests/s at C connections is
// C / (mean latency). Latency is from the send() of a request to the read() that completes its
// answer, in microseconds. Prints one JSON line: requests, seconds, requests_per_second, p50_us,
// p99_us. Every answer is checked (podsim: status 0 and the echoed request id; RESP: "+PONG");
// a wrong or malformed answer is an error, exit 1. Loopback only: the host must be 127.0.0.0/8.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNECTIONS 1024
#define MAX_ANSWER (1u << 20)  // podsim's default max frame: a longer answer is an error

typedef struct {
    int fd;
    uint32_t request_id;
    uint64_t sent_ns;
    unsigned char *in;  // answer bytes read so far (MAX_ANSWER + 4)
    size_t have;
} connection;

static const char *proto = "podsim", *host = "127.0.0.1", *op = "similar", *episode = NULL;
static int port = 0, connections = 1, k = 10;
static long request_limit = 0;  // 0: run for the time
static long requests_sent;
static double seconds = 5, warmup = 1;

static unsigned char request[4096];
static size_t request_size;

static uint64_t *latencies;
static size_t latency_count, latency_capacity;

static void fail(const char *what) {
    fprintf(stderr, "loadgen: %s%s%s\n", what, errno ? ": " : "", errno ? strerror(errno) : "");
    exit(1);
}

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void put32(unsigned char *p, uint32_t v) {
    p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static uint32_t get32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

// The request every connection sends; podsim's request id (offset 8) is set per send.
static void build_request(void) {
    if (strcmp(proto, "resp") == 0) {
        static const char ping[] = "*1\r\n$4\r\nPING\r\n";
        memcpy(request, ping, sizeof ping - 1);
        request_size = sizeof ping - 1;
        return;
    }
    unsigned char *body = request + 12;
    size_t body_size = 0;
    unsigned char opcode = 0x01;
    if (strcmp(op, "similar") == 0) {
        size_t n = strlen(episode);
        if (n > 1000) { errno = 0; fail("--episode is too long"); }
        opcode = 0x10;
        put32(body, (uint32_t)n);  // str episode_id
        memcpy(body + 4, episode, n);
        body[4 + n] = (unsigned char)(k >> 8);  // u16 k
        body[5 + n] = (unsigned char)k;
        body[6 + n] = 0;  // u8 flags
        body_size = n + 7;
    }
    put32(request, (uint32_t)(8 + body_size));
    request[4] = 1;  // version
    request[5] = opcode;
    request[6] = request[7] = 0;  // status
    request_size = 12 + body_size;
}

static void send_request(connection *c) {
    requests_sent++;
    if (request[0] != '*') put32(request + 8, ++c->request_id);
    c->sent_ns = now_ns();
    ssize_t n = send(c->fd, request, request_size, MSG_NOSIGNAL);
    // One small request on an idle socket fits the send buffer whole.
    if (n != (ssize_t)request_size) fail("send");
}

// Bytes of a complete answer at the start of c->in, or 0 when more are needed.
static size_t complete_answer(connection *c) {
    if (request[0] == '*') {
        if (c->have < 7) return 0;
        if (memcmp(c->in, "+PONG\r\n", 7) != 0) { errno = 0; fail("Redis did not answer +PONG"); }
        return 7;
    }
    if (c->have < 4) return 0;
    uint32_t length = get32(c->in);
    if (length < 8 || length > MAX_ANSWER) { errno = 0; fail("podsim answered a frame length out of range"); }
    if (c->have < 4 + (size_t)length) return 0;
    if (c->in[4] != 1 || c->in[5] != request[5]) { errno = 0; fail("podsim answered another version or opcode"); }
    if (c->in[6] != 0 || c->in[7] != 0) { errno = 0; fail("podsim answered a non-zero status (is --episode in the model?)"); }
    if (get32(c->in + 8) != c->request_id) { errno = 0; fail("podsim echoed another request id"); }
    return 4 + (size_t)length;
}

static int open_connection(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) fail("socket");
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &address.sin_addr) != 1) { errno = 0; fail("--host is not an IPv4 address"); }
    if ((ntohl(address.sin_addr.s_addr) >> 24) != 127) { errno = 0; fail("--host must be on loopback (127.0.0.0/8)"); }
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) fail("connect");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static int compare(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void parse(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *name = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (!value) { fprintf(stderr, "loadgen: %s needs a value\n", name); exit(2); }
        i++;
        if (!strcmp(name, "--proto")) proto = value;
        else if (!strcmp(name, "--host")) host = value;
        else if (!strcmp(name, "--port")) port = atoi(value);
        else if (!strcmp(name, "--connections")) connections = atoi(value);
        else if (!strcmp(name, "--seconds")) seconds = atof(value);
        else if (!strcmp(name, "--warmup")) warmup = atof(value);
        else if (!strcmp(name, "--op")) op = value;
        else if (!strcmp(name, "--episode")) episode = value;
        else if (!strcmp(name, "--k")) k = atoi(value);
        else if (!strcmp(name, "--requests")) request_limit = atol(value);
        else { fprintf(stderr, "loadgen: unknown option %s\n", name); exit(2); }
    }
    int bad = port < 1 || port > 65535 || connections < 1 || connections > MAX_CONNECTIONS || seconds <= 0 ||
              warmup < 0 || request_limit < 0 || k < 1 || k > 65535 || (strcmp(proto, "podsim") && strcmp(proto, "resp")) ||
              (strcmp(op, "ping") && strcmp(op, "similar")) ||
              (!strcmp(proto, "podsim") && !strcmp(op, "similar") && !episode);
    if (bad) {
        fprintf(stderr, "usage: loadgen --proto podsim|resp --port N [--host 127.0.0.1] [--connections 1..%d]\n"
                        "       [--seconds S] [--warmup S] [--op ping|similar] [--episode ID] [--k 1..65535] [--requests N]\n"
                        "       (podsim SIMILAR needs --episode)\n", MAX_CONNECTIONS);
        exit(2);
    }
}

int main(int argc, char **argv) {
    parse(argc, argv);
    build_request();
    int poll = epoll_create1(0);
    if (poll < 0) fail("epoll_create1");
    connection *all = calloc((size_t)connections, sizeof *all);
    for (int i = 0; i < connections; i++) {
        all[i].fd = open_connection();
        all[i].in = malloc(MAX_ANSWER + 4);
        if (!all[i].in) fail("malloc");
        struct epoll_event event = {.events = EPOLLIN, .data.ptr = &all[i]};
        if (epoll_ctl(poll, EPOLL_CTL_ADD, all[i].fd, &event) != 0) fail("epoll_ctl");
    }
    latency_capacity = 1 << 20;
    latencies = malloc(latency_capacity * sizeof *latencies);
    if (request_limit > 0) warmup = 0, seconds = 1e9;  // the count decides, not the clock
    uint64_t start = now_ns(), measure_from = start + (uint64_t)(warmup * 1e9),
             end = measure_from + (uint64_t)(seconds * 1e9);
    int in_flight = 0;
    for (int i = 0; i < connections && (request_limit == 0 || requests_sent < request_limit); i++, in_flight++)
        send_request(&all[i]);
    struct epoll_event events[64];
    uint64_t now = start;
    while (in_flight > 0) {
        int n = epoll_wait(poll, events, 64, 1000);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("epoll_wait");
        for (int e = 0; e < n; e++) {
            connection *c = events[e].data.ptr;
            ssize_t got = read(c->fd, c->in + c->have, MAX_ANSWER + 4 - c->have);
            if (got == 0) { errno = 0; fail("the server closed a connection"); }
            if (got < 0) { if (errno == EAGAIN || errno == EINTR) continue; fail("read"); }
            c->have += (size_t)got;
            size_t used = complete_answer(c);
            if (used == 0) continue;
            if (c->have != used) { errno = 0; fail("an answer came that was not asked for"); }
            c->have = 0;
            now = now_ns();
            if (request_limit > 0 || (c->sent_ns >= measure_from && now <= end)) {
                if (latency_count == latency_capacity) {
                    latency_capacity *= 2;
                    latencies = realloc(latencies, latency_capacity * sizeof *latencies);
                    if (!latencies) fail("realloc");
                }
                latencies[latency_count++] = now - c->sent_ns;
            }
            if (request_limit > 0 ? requests_sent < request_limit : now < end) send_request(c);
            else in_flight--;
        }
    }
    if (latency_count == 0) { errno = 0; fail("no answer completed in the measured window"); }
    if (request_limit > 0) seconds = (now - start) / 1e9;
    qsort(latencies, latency_count, sizeof *latencies, compare);
    printf("{\"proto\": \"%s\", \"op\": \"%s\", \"connections\": %d, \"requests\": %zu, \"seconds\": %.3f, "
           "\"requests_per_second\": %.1f, \"p50_us\": %.2f, \"p99_us\": %.2f}\n",
           proto, strcmp(proto, "resp") ? op : "ping", connections, latency_count, seconds,
           latency_count / seconds, latencies[latency_count / 2] / 1e3,
           latencies[(size_t)(latency_count * 0.99)] / 1e3);
    return 0;
}
