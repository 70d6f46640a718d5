// The container registry the image is built in (`az acr build`), before the Container App that runs it.
@description('Names every resource: 4-16 lower-case letters and digits')
@minLength(4)
@maxLength(16)
param resourceSuffix string

param location string = resourceGroup().location

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'crguide${resourceSuffix}'
  location: location
  sku: {
    name: 'Basic'
  }
  properties: {
    // The Container App pulls with its managed identity (AcrPull in azure.bicep), not a password.
    adminUserEnabled: false
  }
}

// Written to env/.env.{envName} by the Agents Toolkit.
output AZURE_CONTAINER_REGISTRY_NAME string = registry.name
output AZURE_CONTAINER_REGISTRY_LOGIN_SERVER string = registry.properties.loginServer
