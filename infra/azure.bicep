// Safeguarding Guide in Azure: the Dockerfile's image as a Container App, and the Azure Bot that
// sends it Teams traffic. The bot's identity is a user-assigned managed identity (no secret to rotate);
// the app gets it as MicrosoftAppType=UserAssignedMSI (README, Azure Bot and app registration).
//
// Storage: with no databaseUrl, the embedded store (lowdb) lives on an Azure Files share mounted at
// DATA_DIR, and the app runs as one replica (lowdb is one process). With databaseUrl (PostgreSQL),
// up to maxReplicas run side by side.

@description('Names every resource: 4-16 lower-case letters and digits')
@minLength(4)
@maxLength(16)
param resourceSuffix string

param location string = resourceGroup().location

@maxLength(42)
param botDisplayName string

@description('The registry made by registry.bicep')
param registryName string

@description('The image to run, e.g. <registry>.azurecr.io/safeguarding-guide:dev')
param image string

@description('ADMIN_USERS: partnership admins by Entra object ID, comma-separated')
param adminUsers string = ''

@description('Microsoft Entra tenant ids of the organisations the partnership serves, comma-separated (README: Allowed organisations). Default: this deployment\'s own tenant.')
param allowedTenants string = tenant().tenantId

@description('DATABASE_URL for PostgreSQL (several replicas); empty keeps the embedded store on Azure Files')
@secure()
param databaseUrl string = ''

@minValue(1)
@maxValue(10)
param maxReplicas int = 3

@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

var port = 3978
var dataDir = '/data'
var embeddedStore = empty(databaseUrl)
// AcrPull, a built-in role.
var acrPullRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-guide-${resourceSuffix}'
  location: location
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, acrPullRoleId)
  scope: registry
  properties: {
    roleDefinitionId: acrPullRoleId
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: 'log-guide-${resourceSuffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = if (embeddedStore) {
  name: 'stguide${resourceSuffix}'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2023-01-01' = if (embeddedStore) {
  parent: storage
  name: 'default'
}

resource share 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-01-01' = if (embeddedStore) {
  parent: fileService
  name: 'data'
  properties: {
    shareQuota: 5
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'cae-guide-${resourceSuffix}'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource dataStorage 'Microsoft.App/managedEnvironments/storages@2024-03-01' = if (embeddedStore) {
  parent: environment
  name: 'data'
  properties: {
    azureFile: {
      accountName: storage.name
      accountKey: storage.listKeys().keys[0].value
      shareName: share.name
      accessMode: 'ReadWrite'
    }
  }
}

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'ca-guide-${resourceSuffix}'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  dependsOn: [
    acrPull
    dataStorage
  ]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      ingress: {
        external: true
        targetPort: port
        transport: 'http'
        allowInsecure: false
      }
      registries: [
        {
          server: registry.properties.loginServer
          identity: identity.id
        }
      ]
      secrets: embeddedStore ? [] : [
        {
          name: 'database-url'
          value: databaseUrl
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'guide'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat(
            [
              {
                name: 'MicrosoftAppType'
                value: 'UserAssignedMSI'
              }
              {
                name: 'MicrosoftAppId'
                value: identity.properties.clientId
              }
              {
                name: 'MicrosoftAppTenantId'
                value: identity.properties.tenantId
              }
              {
                name: 'ADMIN_USERS'
                value: adminUsers
              }
              {
                name: 'ALLOWED_TENANTS'
                value: allowedTenants
              }
              {
                name: 'DATA_DIR'
                value: dataDir
              }
            ],
            embeddedStore ? [] : [
              {
                name: 'DATABASE_URL'
                secretRef: 'database-url'
              }
            ]
          )
          probes: [
            // Ready only when content, store (and Slack, if on) are; alive as long as it listens, so a
            // platform outage does not restart it.
            {
              type: 'Readiness'
              httpGet: {
                path: '/healthz'
                port: port
              }
              periodSeconds: 10
            }
            {
              type: 'Liveness'
              tcpSocket: {
                port: port
              }
              periodSeconds: 30
            }
          ]
          volumeMounts: embeddedStore ? [
            {
              volumeName: 'data'
              mountPath: dataDir
            }
          ] : []
        }
      ]
      volumes: embeddedStore ? [
        {
          name: 'data'
          storageType: 'AzureFile'
          storageName: 'data'
        }
      ] : []
      scale: {
        minReplicas: 1
        maxReplicas: embeddedStore ? 1 : maxReplicas
      }
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-guide-${resourceSuffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${app.properties.configuration.ingress.fqdn}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: identity.properties.tenantId
    msaAppMSIResourceId: identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Written to env/.env.{envName} by the Agents Toolkit; the manifest uses BOT_ID and BOT_DOMAIN.
output AZURE_CONTAINER_APP_RESOURCE_ID string = app.id
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = app.properties.configuration.ingress.fqdn
