// BLAS through Debian's libblas-dev (cblas.h; the cblas symbols live in libblas.so.3) and
// LAPACK through liblapack-dev, which ships no C header: the Fortran entry points used by
// podsim are declared here. Fortran conventions: every argument is passed by pointer,
// matrices are column-major, and each CHARACTER argument takes a trailing hidden length.
// At run time Debian's alternatives may swap in OpenBLAS (libopenblas0-pthread) for both
// libraries without a relink.
#ifndef PODSIM_CLAPACK_SHIM_H
#define PODSIM_CLAPACK_SHIM_H

#include <stddef.h>
#include <cblas.h>

/// Divide-and-conquer SVD of a general m×n matrix: A = U Σ Vᵀ.
void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda,
             double *s, double *u, const int *ldu, double *vt, const int *ldvt,
             double *work, const int *lwork, int *iwork, int *info, size_t jobz_len);

/// Householder QR factorisation of an m×n matrix (R in the upper triangle, reflectors below).
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau,
             double *work, const int *lwork, int *info);

/// Forms the m×n matrix Q with orthonormal columns from dgeqrf's reflectors.
void dorgqr_(const int *m, const int *n, const int *k, double *a, const int *lda,
             const double *tau, double *work, const int *lwork, int *info);

#endif
