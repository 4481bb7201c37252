/* Runs one named test, or lists them all. */
#include <string.h>
#include "check.h"

static struct test_case *tests;

void test_register(struct test_case *t)
{
    t->next = tests;
    tests = t;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (struct test_case *t = tests; t; t = t->next)
            printf("%s\n", t->name);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: %s --list | TEST\n", argv[0]);
        return 2;
    }
    for (struct test_case *t = tests; t; t = t->next) {
        if (strcmp(t->name, argv[1]) == 0) {
            t->fn();
            printf("PASS %s\n", t->name);
            return 0;
        }
    }
    fprintf(stderr, "no test named %s\n", argv[1]);
    return 2;
}
