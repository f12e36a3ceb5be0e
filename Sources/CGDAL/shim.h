#ifndef COVGAP_CGDAL_SHIM_H
#define COVGAP_CGDAL_SHIM_H

#include <gdal.h>
#include <gdal_alg.h>
#include <gdal_utils.h>
#include <gdalwarper.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <proj.h>
#include <geodesic.h>
#include <fcntl.h>
#include <malloc.h>
#include <sys/syscall.h>
#include <unistd.h>

/// CPLError is variadic and so unavailable from Swift: report a plain message.
static inline void covgap_cpl_error(CPLErr level, int code, const char *message) {
    CPLError(level, code, "%s", message);
}

/// Atomically swaps two paths (Linux renameat2 RENAME_EXCHANGE); returns 0 or -1 with errno set.
static inline int covgap_rename_exchange(const char *a, const char *b) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */);
#else
    return -1;
#endif
}

#endif
