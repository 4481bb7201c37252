/* xml/septum-domain.rng, built into the tools so that they always check
 * definitions against the schema of their own version, wherever they run.
 * SCHEMA_FILE is its path, given by the Makefile. */
    .section .rodata
    .global septum_domain_schema
    .global septum_domain_schema_end
septum_domain_schema:
    .incbin SCHEMA_FILE
septum_domain_schema_end:
    .byte 0

    .section .note.GNU-stack, "", %progbits
