/* The least processor time the output of a full build costs, step by step (`make bench-floor`).
 *
 * It does only the work no site generator can skip when it makes Bantin's output, with the same
 * C libraries Bantin uses, on one thread, with every input already in memory where the step is
 * not itself reading: read the inputs, turn their Markdown into HTML (cmark), deflate the
 * whole-site zip's entries (libdeflate, level 1, and their CRC-32) and the unit bundles' entries
 * (level 6, as Bantin squeezes what goes over Zalo), take the SHA-256 of every entry of every zip
 * (libcrypto, for the manifests the bundles carry), create the output's folders and write its
 * files. No templates, search index, report rows, zip headers or checks: whatever Bantin spends
 * beyond the sum is the part a faster implementation could still save.
 *
 * Input: a list file, one task per line, tab-separated:
 *   R <path>             read the file (timed: open, read, close)
 *   M <path>             render its Markdown, after the front matter (file read before timing)
 *   D <path>             deflate it at level 1 (file read before timing)
 *   U <path>             deflate it at level 6 (file read before timing)
 *   S <path>             its SHA-256 (file read before timing)
 *   K <folder>           create the folder (timed with the writes)
 *   W <path> <dest>      write the file's bytes to dest (file read before timing)
 * Output: one line per step, "step <name> <cpu seconds> <files> <bytes>".
 */
#include <cmark.h>
#include <errno.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    char kind;
    char *path;
    char *dest;
    unsigned char *bytes;
    size_t size;
} Task;

static void die(const char *what, const char *path) {
    fprintf(stderr, "floor: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

static double cpu_seconds(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static unsigned char *read_file(const char *path, size_t *size) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) die("cannot open", path);
    struct stat st;
    if (fstat(fd, &st) != 0) die("cannot stat", path);
    unsigned char *bytes = malloc(st.st_size + 1);
    size_t done = 0;
    while (done < (size_t)st.st_size) {
        ssize_t n = read(fd, bytes + done, st.st_size - done);
        if (n <= 0) die("cannot read", path);
        done += n;
    }
    close(fd);
    *size = done;
    return bytes;
}

/* The Markdown after a front matter block fenced by "---" lines, as Bantin renders it. */
static const char *markdown_body(const unsigned char *bytes, size_t size, size_t *length) {
    const char *text = (const char *)bytes;
    *length = size;
    if (size < 4 || memcmp(text, "---\n", 4) != 0) return text;
    const char *end = text + size;
    for (const char *line = text + 4; line < end;) {
        const char *next = memchr(line, '\n', end - line);
        next = next ? next + 1 : end;
        if (next - line >= 3 && memcmp(line, "---", 3) == 0 && (next - line == 3 || line[3] == '\n')) {
            *length = end - next;
            return next;
        }
        line = next;
    }
    return text;
}

/* Deflates the tasks of one kind at one level, with their CRC-32, and prints the step. */
static void deflate_step(const Task *tasks, size_t count, char kind, int level, const char *name) {
    struct libdeflate_compressor *compressor = libdeflate_alloc_compressor(level);
    size_t out_capacity = 1 << 20;
    unsigned char *out = malloc(out_capacity);
    size_t deflated = 0, files = 0, bytes = 0;
    double start = cpu_seconds();
    for (size_t i = 0; i < count; i++) {
        if (tasks[i].kind != kind) continue;
        size_t bound = libdeflate_deflate_compress_bound(compressor, tasks[i].size);
        if (bound > out_capacity) out = realloc(out, out_capacity = bound);
        deflated += libdeflate_deflate_compress(compressor, tasks[i].bytes, tasks[i].size, out, bound);
        volatile unsigned crc = libdeflate_crc32(0, tasks[i].bytes, tasks[i].size);
        (void)crc;
        files++, bytes += tasks[i].size;
    }
    printf("step %s %.3f %zu %zu %zu\n", name, cpu_seconds() - start, files, bytes, deflated);
    libdeflate_free_compressor(compressor);
    free(out);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: floor LIST\n");
        return 2;
    }
    FILE *list = fopen(argv[1], "r");
    if (!list) die("cannot open", argv[1]);
    size_t count = 0, capacity = 1024;
    Task *tasks = malloc(capacity * sizeof(Task));
    char *line = NULL;
    size_t line_capacity = 0;
    ssize_t length;
    while ((length = getline(&line, &line_capacity, list)) > 0) {
        if (line[length - 1] == '\n') line[length - 1] = 0;
        if (count == capacity) tasks = realloc(tasks, (capacity *= 2) * sizeof(Task));
        Task *task = &tasks[count++];
        memset(task, 0, sizeof(Task));
        task->kind = line[0];
        char *path = line + 2, *tab = strchr(path, '\t');
        if (tab) {
            *tab = 0;
            task->dest = strdup(tab + 1);
        }
        task->path = strdup(path);
        if (strchr("MDUSW", task->kind)) task->bytes = read_file(task->path, &task->size);
    }
    fclose(list);

    /* Reading the inputs. */
    double start = cpu_seconds();
    size_t files = 0, bytes = 0;
    for (size_t i = 0; i < count; i++) {
        if (tasks[i].kind != 'R') continue;
        size_t size;
        free(read_file(tasks[i].path, &size));
        files++, bytes += size;
    }
    printf("step read %.3f %zu %zu\n", cpu_seconds() - start, files, bytes);

    /* Markdown to HTML. */
    start = cpu_seconds(), files = 0, bytes = 0;
    for (size_t i = 0; i < count; i++) {
        if (tasks[i].kind != 'M') continue;
        size_t body_length;
        const char *body = markdown_body(tasks[i].bytes, tasks[i].size, &body_length);
        char *html = cmark_markdown_to_html(body, body_length, CMARK_OPT_DEFAULT);
        files++, bytes += body_length;
        free(html);
    }
    printf("step markdown %.3f %zu %zu\n", cpu_seconds() - start, files, bytes);

    /* The whole-site zip's entries (D) and the unit bundles' (U), deflated, with their CRC-32. */
    deflate_step(tasks, count, 'D', 1, "deflate");
    deflate_step(tasks, count, 'U', 6, "bundles");

    /* Every zip entry's SHA-256, for the manifests. */
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_length;
    start = cpu_seconds(), files = 0, bytes = 0;
    for (size_t i = 0; i < count; i++) {
        if (tasks[i].kind != 'S') continue;
        if (!EVP_Digest(tasks[i].bytes, tasks[i].size, digest, &digest_length, EVP_sha256(), NULL)) {
            /* Not `die`: libcrypto reports through its own error queue, not errno. */
            fprintf(stderr, "floor: cannot digest %s\n", tasks[i].path);
            exit(1);
        }
        files++, bytes += tasks[i].size;
    }
    printf("step digest %.3f %zu %zu\n", cpu_seconds() - start, files, bytes);

    /* The output's folders and files. */
    start = cpu_seconds(), files = 0, bytes = 0;
    for (size_t i = 0; i < count; i++) {
        Task *task = &tasks[i];
        if (task->kind == 'K') {
            if (mkdir(task->path, 0755) != 0 && errno != EEXIST) die("cannot create", task->path);
        } else if (task->kind == 'W') {
            int fd = open(task->dest, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd < 0) die("cannot create", task->dest);
            for (size_t done = 0; done < task->size;) {
                ssize_t n = write(fd, task->bytes + done, task->size - done);
                if (n <= 0) die("cannot write", task->dest);
                done += n;
            }
            close(fd);
            files++, bytes += task->size;
        }
    }
    printf("step write %.3f %zu %zu\n", cpu_seconds() - start, files, bytes);
    return 0;
}
