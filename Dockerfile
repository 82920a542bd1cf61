# The Doqutore emulator as a container image (docker compose up emulator). Models come from npm at build
# time, as in every build; nothing is downloaded at run time.
FROM mcr.microsoft.com/dotnet/sdk:10.0.100 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish Emulator/Doqutore.Emulator -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0.0
WORKDIR /app
COPY --from=build /app .
# Inside the container the emulator must listen on all interfaces; compose publishes it on host loopback only.
ENV Emulator__Host=0.0.0.0 \
    Emulator__Port=4566
EXPOSE 4566
USER app
ENTRYPOINT ["dotnet", "Doqutore.Emulator.dll"]
