package com.doe.local.host.durable;

import com.google.protobuf.Empty;
import com.google.protobuf.StringValue;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateInstanceRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateInstanceResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.GetInstanceRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.GetInstanceResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.InstanceQuery;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationState;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.PurgeInstancesRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.PurgeInstancesResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.QueryInstancesRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.QueryInstancesResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.RaiseEventRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.RaiseEventResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TerminateRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TerminateResponse;
import com.microsoft.durabletask.implementation.protobuf.TaskHubSidecarServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The client half of the Durable Task sidecar protocol, which {@code DurableTaskGrpcClient} (what
 * {@code DurableClientContext.getClient()} builds from the binding's {@code rpcBaseUrl}) speaks:
 * start, status, wait for start or completion, raise event, terminate, query, purge. Suspend,
 * resume and rewind answer UNIMPLEMENTED.
 */
final class DurableClientService extends TaskHubSidecarServiceGrpc.TaskHubSidecarServiceImplBase {

    private final DurableBackend backend;

    DurableClientService(DurableBackend backend) {
        this.backend = backend;
    }

    @Override
    public void hello(Empty request, StreamObserver<Empty> response) {
        reply(response, Empty::getDefaultInstance);
    }

    @Override
    public void startInstance(CreateInstanceRequest request, StreamObserver<CreateInstanceResponse> response) {
        reply(response, () -> CreateInstanceResponse.newBuilder().setInstanceId(backend.schedule(
                request.getName(), request.getInstanceId(),
                request.hasInput() ? request.getInput().getValue() : null,
                request.hasScheduledStartTimestamp() ? HistoryEvents.instant(request.getScheduledStartTimestamp()) : null))
                .build());
    }

    @Override
    public void getInstance(GetInstanceRequest request, StreamObserver<GetInstanceResponse> response) {
        reply(response, () -> view(backend.find(request.getInstanceId()), request.getGetInputsAndOutputs()));
    }

    @Override
    public void waitForInstanceStart(GetInstanceRequest request, StreamObserver<GetInstanceResponse> response) {
        await(request, response, i -> i.status() != OrchestrationStatus.ORCHESTRATION_STATUS_PENDING);
    }

    @Override
    public void waitForInstanceCompletion(GetInstanceRequest request, StreamObserver<GetInstanceResponse> response) {
        await(request, response, Instance::isTerminal);
    }

    @Override
    public void raiseEvent(RaiseEventRequest request, StreamObserver<RaiseEventResponse> response) {
        reply(response, () -> {
            backend.raiseEvent(request.getInstanceId(), request.getName(),
                    request.hasInput() ? request.getInput().getValue() : null);
            return RaiseEventResponse.getDefaultInstance();
        });
    }

    @Override
    public void terminateInstance(TerminateRequest request, StreamObserver<TerminateResponse> response) {
        reply(response, () -> {
            backend.terminate(request.getInstanceId(), request.hasOutput() ? request.getOutput().getValue() : null);
            return TerminateResponse.getDefaultInstance();
        });
    }

    @Override
    public void queryInstances(QueryInstancesRequest request, StreamObserver<QueryInstancesResponse> response) {
        reply(response, () -> {
            InstanceQuery query = request.getQuery();
            int offset = query.hasContinuationToken() ? Integer.parseInt(query.getContinuationToken().getValue()) : 0;
            int limit = query.getMaxInstanceCount() > 0 ? query.getMaxInstanceCount() : Integer.MAX_VALUE;
            List<Instance> matches = backend.all().stream()
                    .filter(InstanceFilter.of(query))
                    .sorted(Comparator.comparing(Instance::id))
                    .toList();
            QueryInstancesResponse.Builder page = QueryInstancesResponse.newBuilder();
            matches.stream().skip(offset).limit(limit)
                    .forEach(i -> page.addOrchestrationState(state(i, query.getFetchInputsAndOutputs())));
            if ((long) offset + limit < matches.size()) {
                page.setContinuationToken(StringValue.of(Integer.toString(offset + limit)));
            }
            return page.build();
        });
    }

    @Override
    public void purgeInstances(PurgeInstancesRequest request, StreamObserver<PurgeInstancesResponse> response) {
        reply(response, () -> {
            int deleted;
            if (request.hasPurgeInstanceFilter()) {
                deleted = backend.all().stream()
                        .filter(InstanceFilter.of(request.getPurgeInstanceFilter()))
                        .mapToInt(i -> backend.purge(i.id())).sum();
            } else {
                deleted = backend.purge(request.getInstanceId());
            }
            return PurgeInstancesResponse.newBuilder().setDeletedInstanceCount(deleted).build();
        });
    }

    private void await(GetInstanceRequest request, StreamObserver<GetInstanceResponse> response,
                       Predicate<Instance> condition) {
        CompletableFuture<Instance> future = backend.await(request.getInstanceId(), condition);
        if (response instanceof ServerCallStreamObserver<GetInstanceResponse> call) {
            call.setOnCancelHandler(() -> future.cancel(false));
        }
        future.whenComplete((instance, error) -> {
            if (error != null) {
                return;
            }
            try {
                response.onNext(view(Optional.ofNullable(instance), request.getGetInputsAndOutputs()));
                response.onCompleted();
            } catch (RuntimeException callGone) {
                // The client gave up (deadline or cancel); nothing to answer.
            }
        });
    }

    private static GetInstanceResponse view(Optional<Instance> instance, boolean inputsAndOutputs) {
        return instance.map(i -> GetInstanceResponse.newBuilder().setExists(true)
                        .setOrchestrationState(state(i, inputsAndOutputs)).build())
                .orElseGet(() -> GetInstanceResponse.newBuilder().setExists(false).build());
    }

    private static OrchestrationState state(Instance instance, boolean inputsAndOutputs) {
        OrchestrationState.Builder state = instance.state().toBuilder();
        if (!inputsAndOutputs) {
            state.clearInput().clearOutput();
        }
        return state.build();
    }

    private static <T> void reply(StreamObserver<T> response, Supplier<T> action) {
        T value;
        try {
            value = action.get();
        } catch (InstanceNotFoundException e) {
            response.onError(Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (InstanceExistsException e) {
            response.onError(Status.ALREADY_EXISTS.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            response.onError(Status.INTERNAL.withDescription(e.toString()).withCause(e).asRuntimeException());
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }
}
