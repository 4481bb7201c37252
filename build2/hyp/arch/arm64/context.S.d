build2/hyp/arch/arm64/context.S.o: arch/arm64/context.S
