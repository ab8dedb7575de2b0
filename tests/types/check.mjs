console.log('types: todo')
