import type { Services } from '../services'
import type { NamespaceHandlers } from './context'

export function vendorHandlers(services: Services): NamespaceHandlers<'vendors'> {
  const vendors = services.vendors
  return {
    list: (input) => ({ vendors: vendors.list(input) }),
    get: ({ id }) => vendors.get(id),
    renewals: ({ withinDays, clientId }) => vendors.renewals(withinDays, clientId),
    forContext: ({ clientId, deviceIds }) => ({
      cards: vendors.forContext(clientId, deviceIds),
    }),
    create: (fields) => vendors.create(fields),
    update: ({ id, fields }) => vendors.update(id, fields),
    remove: ({ id }) => vendors.remove(id),
    saveContact: ({ vendorId, id, fields }) => vendors.saveContact(vendorId, id, fields),
    removeContact: ({ id }) => vendors.removeContact(id),
    saveAccount: ({ vendorId, clientId, id, fields }) =>
      vendors.saveAccount(vendorId, clientId, id, fields),
    removeAccount: ({ id }) => vendors.removeAccount(id),
  }
}
