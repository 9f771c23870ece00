package dev.cirrus.connect.s3;

import dev.cirrus.connect.egress.EgressGuard;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Checks the host of every request the S3 client sends, just before it goes out: every operation
 * (PutObject, the multipart calls, aborts) and every retry attempt, after the endpoint and any
 * virtual-host bucket name are applied, so what is judged is where the request really goes. The SDK
 * wraps the refusal in an SdkClientException; EgressRefusedException.in finds it.
 */
final class EgressInterceptor implements ExecutionInterceptor {
    private final EgressGuard guard;

    EgressInterceptor(EgressGuard guard) {
        this.guard = guard;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        guard.check(context.httpRequest().host());
    }
}
