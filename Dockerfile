# The Lambda container image: one native-AOT binary, every function; CMD (or STUDENT_METRICS_FUNCTION) says which runs.
# `make image` builds it; `make publish` builds the same bootstrap without Docker.

# Build on Amazon Linux 2023, the distribution of the Lambda base image, so the binary links against the same glibc.
FROM public.ecr.aws/amazonlinux/amazonlinux:2023 AS build
# clang links the native image; zlib-devel provides the static zlib the runtime links in.
RUN dnf install -y --setopt=install_weak_deps=False clang lld zlib-devel krb5-libs libicu findutils tar gzip which \
 && dnf clean all
# The .NET 10 SDK from Microsoft's installer: the distribution's repositories trail the current SDK.
ARG DOTNET_CHANNEL=10.0
RUN curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh \
 && bash /tmp/dotnet-install.sh --channel "$DOTNET_CHANNEL" --install-dir /usr/share/dotnet \
 && ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
 && rm /tmp/dotnet-install.sh
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY db/migrations/ db/migrations/
COPY lambda-image/ lambda-image/
RUN lambda-image/publish.sh

# The runtime: Lambda's minimal base for custom runtimes. Its entrypoint starts /var/runtime/bootstrap with the
# Runtime API address in AWS_LAMBDA_RUNTIME_API and CMD's first word in _HANDLER.
FROM public.ecr.aws/lambda/provided:al2023
COPY --from=build /src/artifacts/lambda/bootstrap /var/runtime/bootstrap
CMD ["clean"]
