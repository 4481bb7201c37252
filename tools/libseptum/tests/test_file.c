/* Reading files whole: regular ones, pipes, and the limits. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "septum.h"

static char *temp_with(const char *text)
{
    static char path[] = "/tmp/septum-file-test.XXXXXX";
    int fd = mkstemp(path);

    CHECK(fd >= 0);
    CHECK_EQ(write(fd, text, strlen(text)), (long long)strlen(text));
    close(fd);
    return path;
}

TEST(read_file_reads_a_file_whole_with_a_nul_after)
{
    char *path = temp_with("<domain/>\n");
    void *data;
    size_t len;

    CHECK_EQ(septum_read_file(path, 100, &data, &len), 0);
    CHECK_EQ(len, 10);
    CHECK(strcmp(data, "<domain/>\n") == 0);
    free(data);
    CHECK_EQ(septum_read_file(path, 9, &data, &len), -EFBIG);
    unlink(path);
}

TEST(read_file_reads_a_pipe_to_its_end)
{
    static char big[200000];
    char path[64];
    int fds[2];
    void *data;
    size_t len;
    pid_t writer;

    memset(big, 'x', sizeof(big));
    CHECK_EQ(pipe(fds), 0);
    writer = fork();
    if (writer == 0) {
        close(fds[0]);
        _exit(write(fds[1], big, sizeof(big)) == sizeof(big) ? 0 : 1);
    }
    close(fds[1]);
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fds[0]);
    CHECK_EQ(septum_read_file(path, sizeof(big), &data, &len), 0);
    CHECK_EQ(len, sizeof(big));
    CHECK(memcmp(data, big, len) == 0 && ((char *)data)[len] == '\0');
    free(data);
    close(fds[0]);
}

TEST(read_file_says_what_is_wrong)
{
    void *data;
    size_t len;

    CHECK_EQ(septum_read_file("/nonexistent", 10, &data, &len), -ENOENT);
    CHECK_EQ(septum_read_file("/tmp", 10, &data, &len), -EISDIR);
}

TEST(read_file_refuses_an_empty_file_or_pipe)
{
    char path[] = "/tmp/septum-file-test.XXXXXX";
    int fd = mkstemp(path), fds[2];
    char pipe_path[64];
    void *data;
    size_t len;

    CHECK(fd >= 0);
    close(fd);
    CHECK_EQ(septum_read_file(path, 100, &data, &len), -ENODATA);
    unlink(path);
    CHECK_EQ(pipe(fds), 0);
    close(fds[1]);
    snprintf(pipe_path, sizeof(pipe_path), "/proc/self/fd/%d", fds[0]);
    CHECK_EQ(septum_read_file(pipe_path, 100, &data, &len), -ENODATA);
    close(fds[0]);
    CHECK(strcmp(septum_strerror(-ENODATA), "empty file") == 0);
}
