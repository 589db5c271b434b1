package io.workerplatform.email;

import io.workerplatform.email.EmailTemplates.RenderedEmail;
import java.net.ConnectException;
import java.net.UnknownHostException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;
import org.apache.http.conn.ConnectTimeoutException;

/** One {@code SendEmail} call through the AWS SDK, with SES's errors sorted into two kinds. */
public class SesSender {
  private final SesV2Client ses;
  private final EmailSettings settings;

  public SesSender(SesV2Client ses, EmailSettings settings) {
    this.ses = ses;
    this.settings = settings;
  }

  /**
   * Sends and returns SES's message id.
   *
   * @throws SendFailure retryable for throttling, SES server errors and a connection that could
   *     not be made; retryable and {@linkplain SendFailure#inDoubt() in doubt} when the call timed
   *     out or its answer was lost after the request went out; permanent for everything SES
   *     refuses (rejected message, unverified sender, bad request)
   */
  public String send(String to, RenderedEmail email) {
    SendEmailRequest request =
        SendEmailRequest.builder()
            .fromEmailAddress(settings.from())
            .destination(Destination.builder().toAddresses(to).build())
            .configurationSetName(settings.configurationSet())
            .content(
                EmailContent.builder()
                    .simple(
                        Message.builder()
                            .subject(text(email.subject()))
                            .body(Body.builder().html(text(email.html())).text(text(email.text())).build())
                            .build())
                    .build())
            .build();
    try {
      return ses.sendEmail(request).messageId();
    } catch (TooManyRequestsException | LimitExceededException e) {
      throw SendFailure.retryable("SES throttled the send (" + errorCode(e) + ")", message(e));
    } catch (SesV2Exception e) {
      if (e.statusCode() >= 500) {
        throw SendFailure.retryable("SES answered " + e.statusCode() + " (" + errorCode(e) + ")", message(e));
      }
      throw SendFailure.permanent(
          "SES refused the message (" + errorCode(e) + ", " + e.statusCode() + ")", message(e));
    } catch (SdkClientException e) {
      if (neverReachedSes(e)) {
        throw SendFailure.retryable("SES unreachable", e.getMessage());
      }
      // The request went out and no answer came back in time (or it broke off): SES may have
      // accepted the message. The caller marks the row in doubt before anything tries again.
      throw SendFailure.inDoubt(
          e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
              ? "SES call timed out: outcome unknown"
              : "SES answer lost: outcome unknown",
          e.getMessage());
    }
  }

  /**
   * Whether the request surely never reached SES: no connection was made (refused, timed out,
   * no free pooled connection) or the host name did not resolve.
   */
  private static boolean neverReachedSes(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof ConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static Content text(String data) {
    return Content.builder().data(data).charset("UTF-8").build();
  }

  private static String errorCode(SesV2Exception e) {
    return e.awsErrorDetails() == null ? "unknown" : e.awsErrorDetails().errorCode();
  }

  private static String message(SdkException e) {
    return e instanceof SesV2Exception ses && ses.awsErrorDetails() != null
        ? ses.awsErrorDetails().errorMessage()
        : e.getMessage();
  }

  /**
   * A send that did not happen; {@link #retryable()} says whether trying again may help. Its
   * message is a category and code only, since it travels into workflow histories as a failure or
   * result; SES's own text, which can quote addresses, is {@link #detail()}, for the message row.
   */
  public static final class SendFailure extends RuntimeException {
    private final boolean retryable;
    private final boolean inDoubt;
    private final String detail;

    private SendFailure(String message, String detail, boolean retryable, boolean inDoubt) {
      super(message);
      this.detail = detail;
      this.retryable = retryable;
      this.inDoubt = inDoubt;
    }

    public static SendFailure retryable(String message, String detail) {
      return new SendFailure(message, detail, true, false);
    }

    static SendFailure inDoubt(String message, String detail) {
      return new SendFailure(message, detail, true, true);
    }

    static SendFailure permanent(String message, String detail) {
      return new SendFailure(message, detail, false, false);
    }

    /** SES may have sent the message although the call failed: sending again may duplicate it. */
    public boolean inDoubt() {
      return inDoubt;
    }

    public boolean retryable() {
      return retryable;
    }

    /** SES's own words, for the message row (never for a history). */
    public String detail() {
      return detail;
    }
  }
}
