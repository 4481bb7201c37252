build2/hyp/arch/arm64/head.S.o: arch/arm64/head.S
