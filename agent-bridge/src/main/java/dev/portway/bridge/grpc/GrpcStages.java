package dev.portway.bridge.grpc;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The bridge's calls to other services (allocator, policy-engine) as {@link CompletionStage}s. */
public final class GrpcStages {

    private GrpcStages() {}

    /**
     * The call's outcome as a stage, completed on gRPC's thread. On UNAVAILABLE the channel's
     * reconnect backoff is reset: without it the channel waits out its backoff (up to two minutes)
     * before trying again, refusing binds long after a restarted service is back.
     */
    public static <T> CompletionStage<T> of(ListenableFuture<T> call, ManagedChannel channel) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Futures.addCallback(call, new FutureCallback<>() {
            @Override
            public void onSuccess(T value) {
                result.complete(value);
            }

            @Override
            public void onFailure(Throwable error) {
                if (Status.fromThrowable(error).getCode() == Status.Code.UNAVAILABLE) {
                    channel.resetConnectBackoff();
                }
                result.completeExceptionally(error);
            }
        }, MoreExecutors.directExecutor());
        return result;
    }
}
