package com.doe.orchestration;

class InMemoryStageProgressTest extends StageProgressContract {

    private final InMemoryStageProgress progress = new InMemoryStageProgress();

    @Override
    protected StageProgress progress() {
        return progress;
    }
}
