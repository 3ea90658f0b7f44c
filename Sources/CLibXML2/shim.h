#ifndef PTUPLOAD_CLIBXML2_SHIM_H
#define PTUPLOAD_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU; its headers then pull in ICU's, which clash with the copy inside
   Foundation. ptupload never touches the encoding handlers those fields belong to. */
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#endif
