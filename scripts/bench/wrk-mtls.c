// LD_PRELOAD shim that gives wrk a client certificate: wrk has no option for one, so this wraps
// OpenSSL's SSL_CTX_new and loads MTLS_CERT / MTLS_KEY (PEM paths) into every context wrk creates.
// Built at bench time: cc -shared -fPIC -o wrk-mtls.so wrk-mtls.c -lssl -ldl
#define _GNU_SOURCE
#include <dlfcn.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>

SSL_CTX *SSL_CTX_new(const SSL_METHOD *method) {
  static SSL_CTX *(*real)(const SSL_METHOD *);
  if (!real) real = (SSL_CTX * (*)(const SSL_METHOD *)) dlsym(RTLD_NEXT, "SSL_CTX_new");
  SSL_CTX *ctx = real ? real(method) : NULL;
  const char *cert = getenv("MTLS_CERT"), *key = getenv("MTLS_KEY");
  if (!ctx || !cert || !key) return ctx;
  if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    fprintf(stderr, "wrk-mtls: cannot load client certificate %s / key %s\n", cert, key);
    exit(2); // fail loudly: a run without the certificate would only measure refused handshakes
  }
  return ctx;
}
