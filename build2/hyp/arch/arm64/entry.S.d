build2/hyp/arch/arm64/entry.S.o: arch/arm64/entry.S \
 arch/arm64/include/arch/pcpu_offsets.h
arch/arm64/include/arch/pcpu_offsets.h:
