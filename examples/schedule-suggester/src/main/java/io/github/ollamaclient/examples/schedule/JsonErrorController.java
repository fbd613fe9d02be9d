package io.github.ollamaclient.examples.schedule;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whatever Spring or Tomcat refuses on its own (a {@code 406} for an {@code Accept} the service
 * cannot meet, a {@code 500}) in the one error shape, instead of Spring's default page: its
 * timestamp, path and trace are not what a caller can act on. No exception text is shown.
 */
@RestController
class JsonErrorController implements ErrorController {
  @RequestMapping("${server.error.path:/error}")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer number ? number : 500;
    HttpStatus known = HttpStatus.resolve(status);
    String reason = known == null ? "error" : known.getReasonPhrase();
    String message = "HTTP " + status + ": " + reason;
    if (status == 406) {
      message += "; this service answers JSON";
    } else if (status >= 500) {
      message += "; the service failed, see its log";
    }
    ErrorAnswer.write(response, status, message);
  }
}
