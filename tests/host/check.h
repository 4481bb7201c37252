/* A minimal unit-test harness for the host build of the core. Each test is
 * a function registered with TEST(); `core-tests --list` names them and
 * `core-tests NAME` runs one, so pytest reports every test on its own. */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>
#include <stdlib.h>

struct test_case {
    const char *name;
    void (*fn)(void);
    struct test_case *next;
};

void test_register(struct test_case *t);

#define TEST(name)                                                                                 \
    static void test_##name(void);                                                                 \
    static struct test_case case_##name = {#name, test_##name, NULL};                              \
    __attribute__((constructor)) static void register_##name(void)                                 \
    {                                                                                              \
        test_register(&case_##name);                                                               \
    }                                                                                              \
    static void test_##name(void)

#define CHECK(expr)                                                                                \
    do {                                                                                           \
        if (!(expr)) {                                                                             \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #expr);               \
            exit(1);                                                                               \
        }                                                                                          \
    } while (0)

#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        long long a_ = (long long)(a), b_ = (long long)(b);                                        \
        if (a_ != b_) {                                                                            \
            fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %lld, %s == %lld\n", __FILE__,          \
                    __LINE__, #a, a_, #b, b_);                                                     \
            exit(1);                                                                               \
        }                                                                                          \
    } while (0)

#endif
